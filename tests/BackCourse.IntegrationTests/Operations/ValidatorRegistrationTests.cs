using BackCourse.IntegrationTests.Infrastructure;
using FluentValidation;

namespace BackCourse.IntegrationTests.Operations;

public sealed class ValidatorRegistrationTests
{
    [Fact]
    public async Task Every_validator_in_the_app_is_found_at_start_up_without_being_listed_by_hand()
    {
        await using var app = await TestApp.StartAsync();
        var validators = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && t.BaseType is { IsGenericType: true } b
                        && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            .ToList();
        Assert.True(validators.Count >= 20, $"only {validators.Count} validators found in the app");

        using var scope = app.Services.CreateScope();
        foreach (var validator in validators)
        {
            var service = typeof(IValidator<>).MakeGenericType(validator.BaseType!.GetGenericArguments()[0]);
            Assert.IsType(validator, scope.ServiceProvider.GetService(service));
        }
    }
}
