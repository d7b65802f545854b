namespace FactoryCloud.Web.Features.Alerts;

/// <summary>
/// The seam to the backlog feature: creates a work item in a team's backlog, linked to the alert's machine, and
/// returns its id (stored on the alert with <see cref="AlertService.LinkWorkItemAsync"/>). Nothing implements it yet;
/// the alert list shows "Create work item", and the API maps <c>POST /api/v1/alerts/{id}/work-item</c>, only when an
/// implementation is registered.
/// </summary>
public interface IAlertWorkItemCreator
{
    Task<OperationResult<Guid>> CreateAsync(AlertView alert, CancellationToken ct);
}
