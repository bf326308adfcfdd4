using Realtime.LoadTests;

return await BenchRunner.RunAsync(args);
