using System.Text;
using K2Orleans.StatusBridge.Protocol;

namespace K2Orleans.StatusBridge.Tests.RequestParserTests;

public sealed class TheParseMethod
{
    private static BridgeRequest Parse(string line) => RequestParser.Parse(Encoding.Latin1.GetBytes(line));

    [Theory]
    [InlineData("PING", BridgeCommand.Ping)]
    [InlineData("ping", BridgeCommand.Ping)]
    [InlineData("PiNg\r", BridgeCommand.Ping)]
    [InlineData("  ping \t", BridgeCommand.Ping)]
    [InlineData("STATUS", BridgeCommand.Status)]
    [InlineData("status\r", BridgeCommand.Status)]
    [InlineData("QUIT", BridgeCommand.Quit)]
    [InlineData("Quit", BridgeCommand.Quit)]
    public void ShouldRecognizeCommandsInAnyCase(string line, BridgeCommand expected)
    {
        var request = Parse(line);

        Assert.Equal(expected, request.Command);
        Assert.Null(request.Error);
    }

    [Theory]
    [InlineData("JOB classic-cup-20261128T211000Z", "classic-cup-20261128T211000Z")]
    [InlineData("job classic-cup-20261128T211000Z-2\r", "classic-cup-20261128T211000Z-2")]
    [InlineData("Job \t x-20261128T211000Z ", "x-20261128T211000Z")]
    public void ShouldKeepTheJobIdAsSent(string line, string id)
    {
        var request = Parse(line);

        Assert.Equal(BridgeCommand.Job, request.Command);
        Assert.Equal(id, request.JobId);
    }

    [Theory]
    [InlineData("HELLO", "unknown command 'HELLO'")]
    [InlineData("", "empty request")]
    [InlineData("   \r", "empty request")]
    [InlineData("PING now", "PING takes no argument")]
    [InlineData("STATUS all", "STATUS takes no argument")]
    [InlineData("QUIT please", "QUIT takes no argument")]
    [InlineData("JOB", "JOB takes exactly one job id")]
    [InlineData("JOB a b", "JOB takes exactly one job id")]
    [InlineData("PING\0", "not printable ASCII")]
    [InlineData("PI\rNG", "not printable ASCII")]
    [InlineData("STATUS\r\r", "not printable ASCII")]
    [InlineData("P\u00c9NG", "not printable ASCII")]
    [InlineData("\u00ff\u00fe\u0001", "not printable ASCII")]
    public void ShouldAnswerAnythingElseWithUnknownCommand(string line, string messagePart)
    {
        var request = Parse(line);

        Assert.Equal(BridgeCommand.Invalid, request.Command);
        Assert.Equal("unknown_command", request.Error?.Code);
        Assert.Contains(messagePart, request.Error!.Message, StringComparison.Ordinal);
        Assert.False(request.Error.CloseAfter);
    }

    [Theory]
    [InlineData("JOB ../etc/passwd")]
    [InlineData("JOB a;b")]
    [InlineData("JOB {\"x\":1}")]
    [InlineData("JOB Classic_Cup.2")]
    [InlineData("JOB nope")]
    [InlineData("JOB CLASSIC-CUP-20261128T211000Z")]
    public void ShouldAnswerImpossibleJobIdsWithNotFound(string line)
    {
        var request = Parse(line);

        Assert.Equal(BridgeCommand.Invalid, request.Command);
        Assert.Equal("not_found", request.Error?.Code);
        Assert.Contains("job ids look like classic-cup-20261128T211000Z", request.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("JOB classic-cup-20261128T211000Z\n")]
    [InlineData("JOB classic-cup-20261128T211000Z\r\n")]
    [InlineData("JOB classic-cup-20261128T211000Z\n\r")]
    [InlineData("PING\n")]
    [InlineData("STATUS\n\r")]
    public void ShouldRefuseAValueWithANewlineInside(string line)
    {
        // The server splits lines at "\n", so this only happens to a caller that hands a value to the parser whole.
        var request = Parse(line);

        Assert.Equal(BridgeCommand.Invalid, request.Command);
        Assert.Null(request.JobId);
        Assert.Equal("unknown_command", request.Error?.Code);
    }

    [Fact]
    public void ShouldAcceptALineOf1024BytesIncludingTheNewline()
    {
        var line = "PING" + new string(' ', RequestParser.MaxLineBytes - 1 - 4);

        Assert.Equal(1023, line.Length);
        Assert.Equal(BridgeCommand.Ping, Parse(line).Command);
    }

    [Fact]
    public void ShouldRefuseALongerLineAndAskToClose()
    {
        var request = Parse("PING" + new string(' ', RequestParser.MaxLineBytes - 4));

        Assert.Equal("line_too_long", request.Error?.Code);
        Assert.True(request.Error!.CloseAfter);
    }
}
