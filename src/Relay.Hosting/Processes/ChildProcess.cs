using System.Diagnostics;

namespace Relay.Hosting.Processes;

/// <summary>A running child: its pid, its output line by line, its exit, and signals.</summary>
internal sealed class ChildProcess : IDisposable
{
    // The inherited values would only make Kestrel warn that ASPNETCORE_URLS overrides them.
    private static readonly string[] s_removedVariables = ["ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS"];

    private readonly Process _process;
    private readonly bool _ownsProcessGroup;

    private ChildProcess(Process process, bool ownsProcessGroup)
    {
        _process = process;
        _ownsProcessGroup = ownsProcessGroup;
        Id = process.Id;
        Exited = WaitForExitAsync();
    }

    public int Id { get; }

    /// <summary>Completes with the exit code once the process has ended and its output is read to the end.</summary>
    public Task<int> Exited { get; }

    /// <param name="onLine">Called for every line, with true for standard error.</param>
    public static async Task<ChildProcess> StartAsync(ProcessCommand command, Action<string, bool> onLine)
    {
        var (fileName, arguments) = ProcessSupervision.Wrap(command);
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = command.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in s_removedVariables)
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in command.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, false); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, true); };
        try
        {
            await ProcessLauncher.Shared.StartAsync(process);
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, ProcessSupervision.IsAvailable);
    }

    /// <summary>Sends a signal to the child and, when it leads its own group, to everything it started.</summary>
    public void Signal(int signal)
    {
        // Once reaped, the pid may belong to someone else.
        if (_process.HasExited)
        {
            return;
        }

        if (_ownsProcessGroup && NativeMethods.Kill(-Id, signal) == 0)
        {
            return;
        }

        NativeMethods.Kill(Id, signal);
    }

    public void Dispose() => _process.Dispose();

    private async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }
}
