using BenchmarkDotNet.Running;

Realtime.Benchmarks.ResultLines.Print(BenchmarkSwitcher.FromAssembly(typeof(Realtime.Benchmarks.Samples).Assembly).Run(args));
