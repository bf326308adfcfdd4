using System.Runtime.InteropServices;
using Confluent.Kafka;
using Realtime.Kafka;

namespace Realtime.Testing;

/// <summary>
/// librdkafka's built-in mock cluster, hosted in this process: a Kafka-protocol broker on a real loopback TCP port,
/// for the demo and the tests (no Kafka broker can be installed on the build machines; see DESIGN §9).
/// Consumer groups, rebalances, commits and resume-from-committed-offset work; transactions, compaction and most admin
/// calls do not, and each partition keeps only about 5 MB. We drive the mock-cluster C API directly so we can create
/// topics with a partition count and set the group's initial rebalance delay to 0 (the default 3 s delay on every
/// first join is what made a group consumer look like it read ~800 msg/s).
/// </summary>
public sealed unsafe class EmbeddedKafka : IEmbeddedBroker
{
    private readonly nint _client;
    private readonly nint _cluster;
    private readonly delegate* unmanaged<nint, void> _destroyCluster;
    private readonly delegate* unmanaged<nint, void> _destroyClient;
    private readonly delegate* unmanaged<nint, byte*, int, int, int> _createTopic;
    private readonly delegate* unmanaged<nint, int, int> _brokerDown;
    private readonly delegate* unmanaged<nint, int, int> _brokerUp;
    private readonly int _brokers;
    private bool _disposed;

    private EmbeddedKafka(int brokers)
    {
        var lib = LoadedLibrdkafka();
        var confNew = (delegate* unmanaged<nint>)NativeLibrary.GetExport(lib, "rd_kafka_conf_new");
        var kafkaNew = (delegate* unmanaged<int, nint, byte*, nuint, nint>)NativeLibrary.GetExport(lib, "rd_kafka_new");
        var clusterNew = (delegate* unmanaged<nint, int, nint>)NativeLibrary.GetExport(lib, "rd_kafka_mock_cluster_new");
        var bootstraps = (delegate* unmanaged<nint, byte*>)NativeLibrary.GetExport(lib, "rd_kafka_mock_cluster_bootstraps");
        var rebalanceDelay = (delegate* unmanaged<nint, int, void>)NativeLibrary.GetExport(lib, "rd_kafka_mock_group_initial_rebalance_delay_ms");
        _createTopic = (delegate* unmanaged<nint, byte*, int, int, int>)NativeLibrary.GetExport(lib, "rd_kafka_mock_topic_create");
        _destroyCluster = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(lib, "rd_kafka_mock_cluster_destroy");
        _destroyClient = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(lib, "rd_kafka_destroy");
        _brokerDown = (delegate* unmanaged<nint, int, int>)NativeLibrary.GetExport(lib, "rd_kafka_mock_broker_set_down");
        _brokerUp = (delegate* unmanaged<nint, int, int>)NativeLibrary.GetExport(lib, "rd_kafka_mock_broker_set_up");
        _brokers = brokers;

        var confSet = (delegate* unmanaged<nint, byte*, byte*, byte*, nuint, int>)NativeLibrary.GetExport(lib, "rd_kafka_conf_set");
        var error = stackalloc byte[512];
        var conf = confNew();
        // The handle only hosts the cluster and never connects anywhere: silence its "no bootstrap.servers" warning.
        fixed (byte* name = "log_level\0"u8, value = "3\0"u8)
        {
            confSet(conf, name, value, error, 512);
        }

        _client = kafkaNew(0 /* RD_KAFKA_PRODUCER */, conf, error, 512);
        if (_client == 0)
        {
            throw new InvalidOperationException($"could not create the librdkafka handle for the mock cluster: {Marshal.PtrToStringUTF8((nint)error)}");
        }

        // The cluster's poll thread inherits this thread's signal mask. The .NET runtime handles signals (SIGCONT,
        // SIGCHLD, SIGINT/SIGTERM once registered, ...), and a handled signal makes the poll() of the thread it lands on
        // fail with EINTR, which the mock treats as fatal: it stops serving for good. So a SIGSTOP/SIGCONT of this
        // process (scripts/chaos pause-broker) killed the broker, and so, now and then, could a Ctrl-C to the demo.
        // Created with those signals blocked, the mock's thread never takes one; the runtime's threads do.
        using (BlockedSignals.Asynchronous())
        {
            _cluster = clusterNew(_client, brokers);
        }

        rebalanceDelay(_cluster, 0);
        BootstrapServers = Marshal.PtrToStringUTF8((nint)bootstraps(_cluster))!;
    }

    /// <summary>The loopback address clients connect to, e.g. <c>127.0.0.1:39421</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Starts a mock cluster with <paramref name="brokers"/> brokers.</summary>
    public static EmbeddedKafka Start(int brokers = 1) => new(brokers);

    /// <summary>Creates a topic (idempotent for the mock: an existing topic is left as it is).</summary>
    public void CreateTopic(string topic, int partitions)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var name = System.Text.Encoding.UTF8.GetBytes(topic + "\0");
        fixed (byte* p = name)
        {
            var err = _createTopic(_cluster, p, partitions, 1);
            // 36 = RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS
            if (err != 0 && err != 36)
            {
                throw new InvalidOperationException($"mock cluster refused to create topic {topic}: error {err}");
            }
        }
    }

    /// <summary>
    /// Takes every broker of the cluster down (<paramref name="down"/>: its connections closed, new ones refused, the
    /// topics and their records kept) or back up: a broker outage without a stopped process (scripts/chaos broker-down).
    /// </summary>
    public void SetDown(bool down)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var id = 1; id <= _brokers; id++) // the mock numbers its brokers from 1
        {
            var err = down ? _brokerDown(_cluster, id) : _brokerUp(_cluster, id);
            if (err != 0)
            {
                throw new InvalidOperationException($"mock cluster refused to set broker {id} {(down ? "down" : "up")}: error {err}");
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _destroyCluster(_cluster);
        _destroyClient(_client);
    }

    /// <summary>
    /// The librdkafka copy Confluent.Kafka loaded (on Debian it may be the redist's <c>centos8-librdkafka.so</c>
    /// rather than <c>librdkafka.so</c>), found in the process's memory map, so both sides share one library instance.
    /// </summary>
    private static nint LoadedLibrdkafka()
    {
        Library.Load();
        var path = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 6 && parts[5].Contains("librdkafka", StringComparison.Ordinal))
            .Select(parts => parts[5])
            .FirstOrDefault()
            ?? throw new InvalidOperationException("librdkafka is not loaded; the embedded broker needs Linux and Confluent.Kafka's native library");
        return NativeLibrary.Load(path);
    }
}
