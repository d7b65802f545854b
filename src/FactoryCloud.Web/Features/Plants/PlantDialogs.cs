using FactoryCloud.Domain.Plants;
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

    public Task<bool> EditAreaAsync(AssetView area) =>
        EditAsync("Edit area", new AssetRequest { Key = area.Key, Name = area.Name }, m => assets.UpdateAreaAsync(area.Id, m));

    public Task<bool> EditLineAsync(AssetView line) =>
        EditAsync("Edit line", new AssetRequest { Key = line.Key, Name = line.Name }, m => assets.UpdateLineAsync(line.Id, m));

    public Task<bool> EditMachineAsync(MachineView machine) =>
        EditAsync("Edit machine", new MachineRequest
        {
            Key = machine.Key, Name = machine.Name, IdealCycleTimeSeconds = machine.IdealCycleTimeSeconds,
            ProductCycleTimes = new Dictionary<string, double>(machine.ProductCycleTimes),
        }, m => assets.UpdateMachineAsync(machine.Id, (MachineRequest)m));

    public Task<bool> DeleteSiteAsync(SiteView site) => DeleteAsync("site", site.Name, () => assets.DeleteSiteAsync(site.Id));
    public Task<bool> DeleteAreaAsync(AssetView area) => DeleteAsync("area", area.Name, () => assets.DeleteAreaAsync(area.Id));
    public Task<bool> DeleteLineAsync(AssetView line) => DeleteAsync("line", line.Name, () => assets.DeleteLineAsync(line.Id));
    public Task<bool> DeleteMachineAsync(MachineView machine) => DeleteAsync("machine", machine.Name, () => assets.DeleteMachineAsync(machine.Id));

    /// <summary>Asks first; a refusal (something still depends on it) is shown as an error that says what to do.</summary>
    private async Task<bool> DeleteAsync(string what, string name, Func<Task<OperationResult>> delete)
    {
        var confirmed = await dialogs.ShowMessageBoxAsync($"Delete {what}", $"Delete the {what} '{name}'? This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return false;
        var result = await delete();
        if (result.Failure is { } failure)
        {
            snackbar.Add($"'{name}' was not deleted: {failure.Message}", Severity.Error);
            return false;
        }
        snackbar.Add($"Deleted the {what} '{name}'.", Severity.Success);
        return true;
    }

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
        await ShowCredentialsAsync(result.Value!);
        return true;
    }

    /// <summary>Asks first, then issues a new password (the old one stops working) and shows it once.</summary>
    public async Task<bool> RotateCredentialsAsync(DeviceView device)
    {
        var confirmed = await dialogs.ShowMessageBoxAsync("Rotate credentials",
            $"Give {device.Username} a new password? The current one stops working at once, and a connected device is disconnected.",
            yesText: "Rotate", cancelText: "Cancel");
        if (confirmed != true) return false;
        var result = await devices.RotateAsync(device.Id);
        if (result.Failure is { } failure)
        {
            snackbar.Add(failure.Message, Severity.Error);
            return false;
        }
        await ShowCredentialsAsync(result.Value!);
        return true;
    }

    /// <summary>Asks first, then revokes: the device can no longer connect and is disconnected if it is.</summary>
    public async Task<bool> RevokeCredentialsAsync(DeviceView device)
    {
        var confirmed = await dialogs.ShowMessageBoxAsync("Revoke credentials",
            $"Revoke {device.Username}? The device can no longer connect, and is disconnected if it is connected. This cannot be undone.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true) return false;
        var result = await devices.RevokeAsync(device.Id);
        if (result.Failure is { } failure)
        {
            snackbar.Add(failure.Message, Severity.Error);
            return false;
        }
        snackbar.Add($"Revoked {device.Username}.", Severity.Success);
        return true;
    }

    private async Task ShowCredentialsAsync(DeviceCredentials credentials)
    {
        var dialog = await dialogs.ShowAsync<CredentialsDialog>("Device credentials",
            new DialogParameters<CredentialsDialog> { { d => d.Credentials, credentials } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        await dialog.Result;
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
