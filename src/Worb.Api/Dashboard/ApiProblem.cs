using Microsoft.AspNetCore.Http;

namespace Worb.Api.Dashboard;

/// <summary>The dashboard API's error answer: a status code with <c>{"error": "..."}</c> that says what to fix.</summary>
internal static class ApiProblem
{
    public static IResult Status(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    public static IResult BadRequest(string message) => Status(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(string message) => Status(StatusCodes.Status404NotFound, message);
}
