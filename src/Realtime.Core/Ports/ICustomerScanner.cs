using Realtime.Core.State;

namespace Realtime.Core.Ports;

/// <summary>Walks every stored customer in pages (exports, at-risk streams), in bounded memory.</summary>
public interface ICustomerScanner
{
    /// <summary>Pages of about <paramref name="pageSize"/> customers; each page costs one pipelined round trip after the key scan.</summary>
    IAsyncEnumerable<IReadOnlyList<CustomerState>> ScanAsync(int pageSize, CancellationToken cancellationToken);
}
