using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Account;

/// <summary>
/// "Delete my account": the user row and everything keyed to it go; records we must keep for the
/// books (order totals, once payments exist) lose every link to the person.
/// </summary>
public sealed class AccountDeletion(AppDbContext db, UserManager<AppUser> users)
{
    public async Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.EmailMessages
            .Where(m => m.UserId == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.UserId, (Guid?)null).SetProperty(m => m.ToAddress, "(deleted account)"), ct);
        var result = await users.DeleteAsync(user);
        if (result.Succeeded)
        {
            await tx.CommitAsync(ct);
        }
        return result;
    }
}
