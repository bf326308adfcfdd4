using System.CommandLine;

namespace Realtime.Host.Cli;

/// <summary>
/// A command that hands the tokens it does not parse itself to an older parser unchecked (the churn verbs, until their
/// own command tree lands).
/// </summary>
internal sealed class PassThroughCommand(string name, string description) : Command(name, description);
