using System.Text;

namespace Realtime.Host.Cli;

/// <summary>Forwards writes to a writer the command does not own (stdout) and leaves it open when disposed, as the CSV writer disposes its target.</summary>
internal sealed class KeepOpenWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(value);

    public override void Write(char[] buffer, int index, int count) => inner.Write(buffer, index, count);

    public override void Write(string? value) => inner.Write(value);

    public override Task WriteAsync(char[] buffer, int index, int count) => inner.WriteAsync(buffer, index, count);

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Flush(); // flushed, never closed: the caller owns it
        }

        base.Dispose(disposing);
    }
}
