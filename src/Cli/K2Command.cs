using System.CommandLine;
using K2Orleans.Cli.Commands;

namespace K2Orleans.Cli;

/// <summary>The <c>k2</c> command line (contracts.md §5); bad arguments exit 2, as bad input does.</summary>
public static class K2Command
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("K2Orleans: render every combination of a trophy's images")
        {
            RenderCommand.Create(),
            ValidateCommand.Create(),
            SubmitCommand.Create(),
            StatusCommand.Create(),
            ScheduleCommand.Create(),
            DbCommand.Create(),
        };
        foreach (var command in ControlCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await System.Console.Error.WriteLineAsync(error.Message);
            }

            await System.Console.Error.WriteLineAsync("Run 'k2 --help' for usage.");
            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync();
    }
}
