using GroundStation.Protocol;
using GroundStation.Protocol.Console;

namespace GroundStation.Tests.Protocol;

public class ConsoleTests
{
    private readonly CommandTable _table = new(new DeviceIdentity("QKD Lab", "GS-1", "1.2.3", "sim", "SN0042"));
    private readonly bool[] _gates = new bool[5];

    public ConsoleTests()
    {
        _table.Register("DETector:GATE", false, 2, 2, "<channel 1..4>,ON|OFF  gate a detector", c =>
        {
            if (c.TryGetInt(0, 1, 4, out int channel) && c.TryGetBool(1, out bool on))
            {
                _gates[channel] = on;
            }
        });
        _table.Register("DETector:GATE", true, 1, 1, "<channel 1..4>  gate state", c =>
        {
            if (c.TryGetInt(0, 1, 4, out int channel))
            {
                c.Reply(_gates[channel] ? "ON" : "OFF");
            }
        });
        _table.Register("CALibrate:DARK", true, 1, 1, "<channel>  dark count rate", c =>
        {
            if (c.TryGetInt(0, 1, 4, out int channel))
            {
                c.Reply((channel * 100).ToString());
            }
        });
    }

    [Fact]
    public void Idn_answers_manufacturer_model_serial_firmware()
    {
        var result = _table.Execute("*IDN?", false);
        Assert.Equal(0, result.ErrorCode);
        Assert.Equal("QKD Lab,GS-1,SN0042,1.2.3", result.ReplyText);
    }

    [Theory]
    [InlineData("DET:GATE 2,ON")]
    [InlineData("det:gate 2,on")]
    [InlineData("DETECTOR:GATE 2, 1")]
    [InlineData(":DETector:GATE   2 ,ON  ")]
    public void Short_and_long_forms_in_any_case_reach_the_same_command(string line)
    {
        Assert.Equal(0, _table.Execute(line, false).ErrorCode);
        Assert.True(_gates[2]);
        Assert.Equal("ON", _table.Execute("DET:GATE? 2", false).ReplyText);
    }

    [Theory]
    [InlineData("DET:GAT 1,ON", ScpiError.UndefinedHeader)]
    [InlineData("FOO", ScpiError.UndefinedHeader)]
    [InlineData("CAL:DARK 1", ScpiError.UndefinedHeader)]
    [InlineData("DET:GATE 9,ON", ScpiError.DataOutOfRange)]
    [InlineData("DET:GATE 1.5,ON", ScpiError.DataTypeError)]
    [InlineData("DET:GATE 1,MAYBE", ScpiError.DataTypeError)]
    [InlineData("DET:GATE 1", ScpiError.MissingParameter)]
    [InlineData("DET:GATE 1,ON,3", ScpiError.ParameterNotAllowed)]
    [InlineData("DET:GATE 1,,ON", ScpiError.SyntaxError)]
    [InlineData("DET::GATE 1,ON", ScpiError.SyntaxError)]
    [InlineData("DET:GATE \"1,ON", ScpiError.SyntaxError)]
    [InlineData("*IDN? 3", ScpiError.ParameterNotAllowed)]
    public void Bad_lines_get_the_scpi_error_and_change_nothing(string line, int expected)
    {
        var result = _table.Execute(line, false);
        Assert.Equal(expected, result.ErrorCode);
        Assert.DoesNotContain(true, _gates);
        Assert.StartsWith(expected + ",\"" + ScpiError.Message(expected), _table.Errors.Pop());
    }

    [Fact]
    public void Error_queue_is_oldest_first_and_reports_overflow()
    {
        _table.Execute("FOO", false);
        _table.Execute("DET:GATE 7,ON", false);
        Assert.Equal("2", _table.Execute("SYST:ERR:COUN?", false).ReplyText);
        Assert.StartsWith("-113,\"Undefined header", _table.Execute("SYST:ERR?", false).ReplyText);
        Assert.StartsWith("-222,\"Data out of range", _table.Execute("SYSTem:ERRor?", false).ReplyText);
        Assert.Equal("0,\"No error\"", _table.Execute("SYST:ERR?", false).ReplyText);

        for (int i = 0; i < ErrorQueue.Capacity + 5; i++)
        {
            _table.Execute("FOO", false);
        }

        Assert.Equal(ErrorQueue.Capacity, _table.Errors.Count);
        for (int i = 0; i < ErrorQueue.Capacity - 1; i++)
        {
            Assert.StartsWith("-113", _table.Errors.Pop());
        }

        Assert.StartsWith("-350,\"Queue overflow", _table.Errors.Pop());
        _table.Execute("FOO", false);
        _table.Execute("*CLS", false);
        Assert.Equal(0, _table.Errors.Count);
    }

    [Fact]
    public void Link_commands_return_their_error_without_queueing_it()
    {
        var result = _table.Execute("DET:GATE 0,ON", true);
        Assert.Equal(ScpiError.DataOutOfRange, result.ErrorCode);
        Assert.Equal(0, _table.Errors.Count);
    }

    [Fact]
    public void Help_lists_every_registered_command_with_its_help()
    {
        var text = _table.Execute("HELP", false).ReplyText!;
        Assert.Contains("DETector:GATE?", text);
        Assert.Contains("<channel 1..4>,ON|OFF  gate a detector", text);
        Assert.Contains("SYSTem:ERRor?", text);
    }

    [Fact]
    public void A_throwing_handler_becomes_an_execution_error()
    {
        _table.Register("BOOM", false, 0, 0, "fails", _ => throw new InvalidOperationException("bang"));
        var result = _table.Execute("BOOM", false);
        Assert.Equal(ScpiError.ExecutionError, result.ErrorCode);
        Assert.Contains("bang", result.ErrorDetail);
    }

    [Theory]
    [InlineData("1.25", 3, 1250L)]
    [InlineData("-0.5", 3, -500L)]
    [InlineData("+7", 2, 700L)]
    [InlineData("2.500", 1, 25L)]
    [InlineData(".5", 1, 5L)]
    public void Fixed_point_parameters_parse_without_floating_point(string text, int decimals, long expected)
    {
        Assert.True(CommandContext.TryParseFixed(text, decimals, out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("2.55", 1)]
    [InlineData("1e3", 3)]
    [InlineData("-", 0)]
    [InlineData(".", 0)]
    [InlineData("99999999999999999999", 0)]
    public void Malformed_numbers_are_rejected(string text, int decimals)
    {
        Assert.False(CommandContext.TryParseFixed(text, decimals, out _));
    }
}
