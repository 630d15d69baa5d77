using K2Orleans.Bench.Harness;

return HarnessCommand.Run(args, Console.Out, Console.Error);
