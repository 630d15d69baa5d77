return await K2Orleans.Silo.SiloApp.RunAsync(args);
