using Microsoft.AspNetCore.Components.Forms;

namespace FactoryCloud.Web.Common;

public static class FailureDisplay
{
    /// <summary>Shows a failure's field errors inline beside the fields; returns the message for the form's banner, if any is left.</summary>
    public static string? ShowAt(this Failure failure, EditContext editContext, ValidationMessageStore messages)
    {
        messages.Clear();
        var shownInline = false;
        foreach (var (field, errors) in failure.Errors ?? new Dictionary<string, string[]>())
        {
            if (string.IsNullOrEmpty(field)) continue;
            messages.Add(editContext.Field(field), errors);
            shownInline = true;
        }
        editContext.NotifyValidationStateChanged();
        return shownInline ? null : failure.Message;
    }
}
