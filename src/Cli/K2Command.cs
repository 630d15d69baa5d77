using System.CommandLine;
using K2Orleans.Cli.Commands;

namespace K2Orleans.Cli;

/// <summary>The <c>k2</c> command line (contracts.md §5); bad arguments exit 2, as bad input does.</summary>
public static class K2Command
{
    /// <returns>The process exit code of <see cref="ExitCodes"/>.</returns>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellation = default)
    {
        var root = new RootCommand("K2Orleans: render every combination of a trophy's images")
        {
            RenderCommand.Create(context),
            ValidateCommand.Create(context),
            SubmitCommand.Create(context),
            StatusCommand.Create(context),
            ScheduleCommand.Create(context),
            DbCommand.Create(context),
        };
        foreach (var command in ControlCommands.Create(context))
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync(error.Message);
            }

            await context.Error.WriteLineAsync("Run 'k2 --help' for usage.");
            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellation);
    }
}
