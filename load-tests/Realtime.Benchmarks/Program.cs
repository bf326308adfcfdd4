using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Realtime.Benchmarks.Samples).Assembly).Run(args);
