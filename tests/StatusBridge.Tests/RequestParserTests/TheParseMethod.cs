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
    [InlineData("job Classic_Cup.2\r", "Classic_Cup.2")]
    [InlineData("Job \t x ", "x")]
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
    public void ShouldAnswerImpossibleJobIdsWithNotFound(string line)
    {
        var request = Parse(line);

        Assert.Equal("not_found", request.Error?.Code);
    }

    [Fact]
    public void ShouldRefuseAJobIdLongerThan200Characters()
    {
        Assert.Equal(BridgeCommand.Job, Parse("JOB " + new string('a', 200)).Command);
        Assert.Equal("not_found", Parse("JOB " + new string('a', 201)).Error?.Code);
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
