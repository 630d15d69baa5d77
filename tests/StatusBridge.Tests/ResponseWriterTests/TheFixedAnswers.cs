using System.Text;
using K2Orleans.StatusBridge.Protocol;

namespace K2Orleans.StatusBridge.Tests.ResponseWriterTests;

public sealed class TheFixedAnswers
{
    [Fact]
    public void ShouldAnswerPingAsTheContractShows() =>
        Assert.Equal("{\"ok\":true,\"pong\":true,\"running\":true}\n", Encoding.UTF8.GetString(ResponseWriter.Pong(true)));

    [Fact]
    public void ShouldTellInPingWhetherTheClusterRuns() =>
        Assert.False(JsonLine.Parse(ResponseWriter.Pong(false)).GetProperty("running").GetBoolean());

    [Fact]
    public void ShouldAnswerQuitAsTheContractShows() =>
        Assert.Equal("{\"ok\":true,\"bye\":true}\n", Encoding.UTF8.GetString(ResponseWriter.Bye()));

    [Fact]
    public void ShouldWriteErrorsWithCodeAndMessage()
    {
        var answer = JsonLine.Parse(ResponseWriter.Error("not_found", "no job 'x'"));

        Assert.Equal(["ok", "error", "message"], JsonLine.Names(answer));
        Assert.False(answer.GetProperty("ok").GetBoolean());
        Assert.Equal("not_found", answer.GetProperty("error").GetString());
        Assert.Equal("no job 'x'", answer.GetProperty("message").GetString());
    }

    [Fact]
    public void ShouldKeepAMessageWithQuotesNewlinesAndUnicodeOnOneLine()
    {
        const string message = "bad \"layer\"\nline two \\ Pokal – ✓";

        var answer = JsonLine.Parse(ResponseWriter.Error("unavailable", message));

        Assert.Equal(message, answer.GetProperty("message").GetString());
    }
}
