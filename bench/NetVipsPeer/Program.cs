using K2Orleans.Bench.NetVipsPeer;

return PeerCommand.Run(args, Console.Out, Console.Error);
