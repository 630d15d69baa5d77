using K2Orleans.SampleGenerator.Cli;

return GeneratorCommand.Run(args, Directory.GetCurrentDirectory(), Console.Out, Console.Error);
