using Realtime.Host.Cli;
using Realtime.LoadTests;

return await CliRunner.InvokeAsync(BenchCommand.Create(), args, Console.Out, Console.Error);
