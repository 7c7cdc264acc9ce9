using System.Text;
using GroundStation.Hal;

namespace GroundStation.Tests.Hal;

public class Crc32Tests
{
    [Fact]
    public void Check_value_of_123456789_is_the_published_CBF43926()
    {
        var data = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void Offset_and_count_select_the_bytes_covered()
    {
        var data = Encoding.ASCII.GetBytes("xx123456789yy");
        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 2, 9));
    }

    [Fact]
    public void Empty_input_gives_zero()
    {
        Assert.Equal(0u, Crc32.Compute([], 0, 0));
    }
}
