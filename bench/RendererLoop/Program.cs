using K2Orleans.Bench.RendererLoop;

return await LoopCommand.RunAsync(args, Console.Out, Console.Error);
