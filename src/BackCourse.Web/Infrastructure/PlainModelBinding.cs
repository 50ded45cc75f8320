using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace BackCourse.Web.Infrastructure;

/// <summary>
/// What MVC says, and accepts, before our validators see a form: every message in plain words that name the field
/// ("The value '' is invalid." told nobody anything), and whole numbers written as people write them, in decimal
/// (the framework's converter also took "0x1F" and "#1F").
/// </summary>
public static class PlainModelBinding
{
    public static void Apply(MvcOptions o)
    {
        o.ModelBinderProviders.Insert(0, new WholeNumberBinderProvider());
        var m = o.ModelBindingMessageProvider;
        m.SetValueMustNotBeNullAccessor(field => $"Please fill in {Name(field)}.");
        m.SetMissingBindRequiredValueAccessor(field => $"Please fill in {Name(field)}.");
        m.SetMissingKeyOrValueAccessor(() => "Please fill in this field.");
        m.SetMissingRequestBodyRequiredValueAccessor(() => "The form arrived empty. Please fill it in and send it again.");
        m.SetAttemptedValueIsInvalidAccessor((_, field) => $"Please check {Name(field)}: that isn't a value it accepts.");
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => "Please check this field: that isn't a value it accepts.");
        m.SetUnknownValueIsInvalidAccessor(field => $"Please check {Name(field)}: that isn't a value it accepts.");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Please check this field: that isn't a value it accepts.");
        m.SetValueIsInvalidAccessor(_ => "Please check this field: that isn't a value it accepts.");
        m.SetValueMustBeANumberAccessor(field => $"Please enter {Name(field)} as a number, such as 3.");
        m.SetNonPropertyValueMustBeANumberAccessor(() => "Please enter a number, such as 3.");
    }

    private static string Name(string field) => string.IsNullOrWhiteSpace(field) ? "this field" : $"\u201c{field}\u201d";

    private sealed class WholeNumberBinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
            return type == typeof(int) || type == typeof(long) ? new WholeNumberBinder(type) : null;
        }
    }

    private sealed class WholeNumberBinder(Type type) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext context)
        {
            var result = context.ValueProvider.GetValue(context.ModelName);
            if (result == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }
            context.ModelState.SetModelValue(context.ModelName, result);
            var text = result.FirstValue?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                // Empty is "not given": null for an optional number, and for a required one the field's own rule says what it wants.
                if (!context.ModelMetadata.IsReferenceOrNullableType)
                {
                    context.ModelState.TryAddModelError(context.ModelName, $"Please fill in {Name(context.ModelMetadata.DisplayName ?? context.ModelMetadata.Name ?? "")}.");
                }
                else
                {
                    context.Result = ModelBindingResult.Success(null);
                }
                return Task.CompletedTask;
            }
            const NumberStyles styles = NumberStyles.AllowLeadingSign;
            object? value = type == typeof(int)
                ? int.TryParse(text, styles, CultureInfo.InvariantCulture, out var i) ? i : null
                : long.TryParse(text, styles, CultureInfo.InvariantCulture, out var l) ? l : null;
            if (value is null)
            {
                var field = context.ModelMetadata.DisplayName ?? context.ModelMetadata.Name;
                context.ModelState.TryAddModelError(context.ModelName, string.IsNullOrWhiteSpace(field)
                    ? "Please enter a whole number, such as 3."
                    : $"Please enter a whole number, such as 3, for {Name(field)}.");
                return Task.CompletedTask;
            }
            context.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }
    }
}
