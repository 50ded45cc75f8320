# Build and run BackCourse in containers (see docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/BackCourse.Web/BackCourse.Web.csproj src/BackCourse.Web/
RUN dotnet restore src/BackCourse.Web/BackCourse.Web.csproj
COPY src/ src/
COPY migrations/ migrations/
COPY seed/ seed/
RUN dotnet publish src/BackCourse.Web/BackCourse.Web.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# /data keeps small runtime state (the demo password) across container restarts.
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "BackCourse.Web.dll"]
