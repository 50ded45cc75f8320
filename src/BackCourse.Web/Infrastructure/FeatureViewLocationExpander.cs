using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace BackCourse.Web.Infrastructure;

/// <summary>
/// Views live beside their feature: a controller in <c>BackCourse.Web.Features.Account</c> finds its
/// views in <c>Features/Account/Views</c>; shared ones sit in <c>Features/Shared/Views</c>.
/// </summary>
internal sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    private const string FeatureKey = "feature";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action)
        {
            var ns = action.ControllerTypeInfo.Namespace ?? "";
            context.Values[FeatureKey] = ns[(ns.LastIndexOf('.') + 1)..];
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        if (context.Values.TryGetValue(FeatureKey, out var feature) && feature is not null)
        {
            yield return $"/Features/{feature}/Views/{{0}}.cshtml";
        }
        yield return "/Features/Shared/Views/{0}.cshtml";
    }
}
