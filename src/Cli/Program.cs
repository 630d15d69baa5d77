return await K2Orleans.Cli.K2Command.RunAsync(args);
