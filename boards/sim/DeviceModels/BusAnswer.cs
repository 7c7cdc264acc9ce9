namespace GroundStation.DeviceModels;

/// <summary>How a model drives MISO: normally, or as a chip that stopped answering (fault injection).</summary>
public enum BusAnswer
{
    /// <summary>The chip answers as its datasheet says.</summary>
    Normal,

    /// <summary>MISO floats to the pull-up: every byte reads 0xFF; MOSI is ignored.</summary>
    AllOnes,

    /// <summary>MISO is held low: every byte reads 0x00; MOSI is ignored.</summary>
    AllZeros,
}

/// <summary>Shared handling of <see cref="BusAnswer"/> for every model.</summary>
public static class BusAnswerExtensions
{
    /// <summary>Fills MISO for a dead chip and returns true, or returns false when the chip answers normally.</summary>
    public static bool AnswerIfDead(this BusAnswer answer, Span<byte> miso)
    {
        switch (answer)
        {
            case BusAnswer.AllOnes:
                miso.Fill(0xFF);
                return true;
            case BusAnswer.AllZeros:
                miso.Fill(0x00);
                return true;
            default:
                return false;
        }
    }
}
