using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Alerts;

namespace FactoryCloud.Web.Features.Backlogs.WorkItems;

/// <summary>
/// Turns an alert into a task in the backlog of the team that serves its machine (see
/// <see cref="AssetWorkItems.SuggestedProductAsync"/>). The task is linked to the machine, and the alert keeps the task's id.
/// </summary>
public sealed class AlertWorkItemCreator(AssetWorkItems assetWork) : IAlertWorkItemCreator
{
    public async Task<OperationResult<Guid>> CreateAsync(AlertView alert, CancellationToken ct)
    {
        var machine = new ServedAsset(AssetKind.Machine, alert.MachineId);
        if (await assetWork.SuggestedProductAsync(machine, ct) is not { } productId)
            return Failure.Conflict("There is no product to put the work item in: create one on the Backlogs page first.");

        var description = $"{alert.Detail}\n\nRaised {alert.RaisedAt:u} by the alert rule \"{alert.RuleName}\" on {alert.MachineName}.";
        var created = await assetWork.CreateAsync(productId, machine, alert.MachineName, WorkItemType.Task, $"{alert.RuleName}: {alert.MachineName}", description, ct);
        return created.Failure is { } failure ? failure : created.Value!.Id;
    }
}
