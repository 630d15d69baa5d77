return await K2Orleans.StatusBridge.BridgeApp.RunAsync(args);
