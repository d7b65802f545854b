using FactoryCloud.Domain.Plants;
using FactoryCloud.Web.Common;
using MudBlazor;

namespace FactoryCloud.Web.Features.Plants;

/// <summary>
/// The onboarding dialogs shared by the plants page and the onboarding wizard: add or edit an asset, import machines
/// from CSV, issue device credentials (shown once). Each returns whether something changed.
/// </summary>
public sealed class PlantDialogs(IDialogService dialogs, AssetService assets, DeviceService devices, ISnackbar snackbar)
{
    public Task<bool> AddSiteAsync() => EditAsync("Add site", new SiteRequest { TimeZone = "UTC" }, m => assets.CreateSiteAsync((SiteRequest)m));

    public Task<bool> EditSiteAsync(SiteView site) =>
        EditAsync("Edit site", new SiteRequest { Key = site.Key, Name = site.Name, TimeZone = site.TimeZone, Shifts = site.Shifts.ToList() },
            m => assets.UpdateSiteAsync(site.Id, (SiteRequest)m));

    public Task<bool> AddAreaAsync(Guid siteId) => EditAsync("Add area", new AssetRequest(), m => assets.CreateAreaAsync(siteId, m));

    public Task<bool> AddLineAsync(Guid areaId) => EditAsync("Add line", new AssetRequest(), m => assets.CreateLineAsync(areaId, m));

    public Task<bool> AddMachineAsync(Guid lineId) => EditAsync("Add machine", new MachineRequest(), m => assets.CreateMachineAsync(lineId, (MachineRequest)m));

    public async Task<bool> ImportMachinesAsync(Guid lineId)
    {
        var dialog = await dialogs.ShowAsync<CsvImportDialog>("Import machines", new DialogParameters<CsvImportDialog> { { d => d.LineId, lineId } });
        if (await dialog.Result is not { Canceled: false, Data: int count }) return false;
        snackbar.Add($"{count} machine(s) imported.", Severity.Success);
        return true;
    }

    public async Task<bool> IssueCredentialsAsync(DeviceScopeKind kind, Guid scopeId)
    {
        var result = await devices.IssueAsync(kind, scopeId);
        if (result.Failure is { } failure)
        {
            snackbar.Add(failure.Message, Severity.Error);
            return false;
        }
        var dialog = await dialogs.ShowAsync<CredentialsDialog>("Device credentials",
            new DialogParameters<CredentialsDialog> { { d => d.Credentials, result.Value! } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        await dialog.Result;
        return true;
    }

    private async Task<bool> EditAsync<T>(string title, AssetRequest model, Func<AssetRequest, Task<OperationResult<T>>> save)
    {
        var parameters = new DialogParameters<AssetFormDialog>
        {
            { d => d.Model, model },
            { d => d.Save, async m => (await save(m)).Failure },
        };
        var dialog = await dialogs.ShowAsync<AssetFormDialog>(title, parameters);
        return (await dialog.Result)?.Canceled == false;
    }
}
