using System.CommandLine;

namespace Realtime.Host.Cli;

/// <summary>
/// A command that hands the tokens it does not parse itself to an older parser unchecked (the churn verbs, until their
/// own command tree lands).
/// </summary>
internal sealed class PassThroughCommand : Command
{
    public PassThroughCommand(string name, string description)
        : base(name, description)
    {
        TreatUnmatchedTokensAsErrors = false;
    }
}
