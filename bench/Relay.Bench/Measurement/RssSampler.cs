namespace Relay.Bench.Measurement;

/// <summary>A process's resident set, sampled a few times a second apart: the median smooths a GC caught mid-way.</summary>
internal static class RssSampler
{
    private const int Samples = 5;

    public static async Task<long> MedianKiBAsync(int pid, CancellationToken cancellationToken)
    {
        var samples = new long[Samples];
        for (var i = 0; i < Samples; i++)
        {
            if (i > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }

            samples[i] = ProcFs.RssKiB(pid);
        }

        Array.Sort(samples);
        return samples[Samples / 2];
    }
}
