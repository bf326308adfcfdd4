using Realtime.Host.Cli;

return await RealtimeCli.RunAsync(args);
