using Relay.Bench.Cli;

return await BenchCommand.RunAsync(args);
