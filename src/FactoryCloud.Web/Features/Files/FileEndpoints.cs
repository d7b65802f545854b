namespace FactoryCloud.Web.Features.Files;

/// <summary>
/// What every upload and download endpoint shares. An upload is the file itself as the body, typed
/// <c>application/octet-stream</c> (which no cross-site form can send), its name as <c>?name=</c>; what the file is,
/// is decided from its content. A download is always an attachment, never rendered by the app, and if a browser
/// rendered it anyway it would run in a sandbox.
/// </summary>
public static class FileEndpoints
{
    /// <summary>415 problem details unless the body is a file (<c>application/octet-stream</c>); null when it is.</summary>
    public static IResult? RefuseOtherBodies(HttpRequest request) =>
        request.ContentType?.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase) == true
            ? null
            : TypedResults.Problem("Send the file as the body with Content-Type: application/octet-stream and its name as ?name=.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);

    public static IResult Download(HttpResponse response, Stream content, string contentType, string fileName)
    {
        response.Headers.ContentSecurityPolicy = "sandbox";
        return TypedResults.File(content, contentType, fileName);
    }
}
