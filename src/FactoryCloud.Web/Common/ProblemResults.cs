namespace FactoryCloud.Web.Common;

/// <summary>Maps use-case failures to RFC 7807 problem details with the right status.</summary>
public static class ProblemResults
{
    public static IResult ToProblem(this Failure failure) => failure.Kind switch
    {
        FailureKind.Validation => TypedResults.ValidationProblem(
            failure.Errors ?? new Dictionary<string, string[]> { [""] = [failure.Message] }, detail: failure.Message),
        FailureKind.NotFound => TypedResults.Problem(failure.Message, statusCode: StatusCodes.Status404NotFound),
        FailureKind.Forbidden => TypedResults.Problem(failure.Message, statusCode: StatusCodes.Status403Forbidden, type: failure.Type, extensions: failure.Extensions),
        FailureKind.TooLarge => TypedResults.Problem(failure.Message, statusCode: StatusCodes.Status413PayloadTooLarge, type: failure.Type, extensions: failure.Extensions),
        FailureKind.UnsupportedType => TypedResults.Problem(failure.Message, statusCode: StatusCodes.Status415UnsupportedMediaType, type: failure.Type, extensions: failure.Extensions),
        _ => TypedResults.Problem(failure.Message, statusCode: StatusCodes.Status409Conflict, type: failure.Type, extensions: failure.Extensions),
    };

    public static IResult ToResult<T>(this OperationResult<T> result, Func<T, IResult> onSuccess) =>
        result.Failure is { } failure ? failure.ToProblem() : onSuccess(result.Value!);

    public static IResult ToResult(this OperationResult result) =>
        result.Failure is { } failure ? failure.ToProblem() : TypedResults.NoContent();
}
