using K2Orleans.Bench.RendererLoop;

return args is ["on-request", .. var rest]
    ? OnRequestCommand.Run(rest, Console.Out, Console.Error)
    : await LoopCommand.RunAsync(args, Console.Out, Console.Error);
