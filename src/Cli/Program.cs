using K2Orleans.Cli;
using K2Orleans.Cli.Commands;

// The one place that knows the console: every command writes to the context it is given.
return await K2Command.RunAsync(args, new CliContext(Console.Out, Console.Error, !Console.IsOutputRedirected, CliCluster.Configuration));
