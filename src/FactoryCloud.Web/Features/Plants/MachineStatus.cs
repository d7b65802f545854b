namespace FactoryCloud.Web.Features.Plants;

public enum MachineConnection
{
    WaitingForFirstMessage,
    Online,
    Offline,
}

/// <summary>Onboarding status from the last message time: online while a message arrived within the last five minutes.</summary>
public static class MachineStatus
{
    public static readonly TimeSpan OnlineWindow = TimeSpan.FromMinutes(5);

    public static MachineConnection Of(MachineView machine, DateTimeOffset now) =>
        machine.LastSeenAt is not { } lastSeen ? MachineConnection.WaitingForFirstMessage
        : now - lastSeen <= OnlineWindow ? MachineConnection.Online
        : MachineConnection.Offline;
}
