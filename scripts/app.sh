# shellcheck shell=bash
# Sourced by ./backcourse: build the app and `./backcourse run`, `migrate`, `seed`.

publish_app() {
  say "building the app (Release)"
  dotnet publish "$ROOT/src/BackCourse.Web/BackCourse.Web.csproj" -c Release -o "$APP_DIR" --nologo -v quiet \
    -p:UseAppHost=false >/dev/null || {
      dotnet publish "$ROOT/src/BackCourse.Web/BackCourse.Web.csproj" -c Release -o "$APP_DIR" --nologo -v minimal -p:UseAppHost=false
      die "build failed"; }
}

app_command() { (cd "$APP_DIR" && dotnet BackCourse.Web.dll "$@"); }

cmd_run() {
  ensure_dotnet
  use_configured_or_local_database
  publish_app
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
  local port="${PORT:-5000}"
  port_in_use "$port" && die "port $port is already in use (set PORT to use another)"
  say "applying migrations"
  app_command migrate
  export ASPNETCORE_URLS="http://127.0.0.1:$port"
  export App__PublicBaseUrl="${App__PublicBaseUrl:-http://127.0.0.1:$port}"
  export Email__PickupDirectory="${Email__PickupDirectory:-$DATA/mail}"
  export Media__Folder="${Media__Folder:-$DATA/media}"
  if [ "$ASPNETCORE_ENVIRONMENT" = "Development" ]; then
    local demo_file="$DATA/demo-password"
    if [ ! -s "$demo_file" ]; then (umask 077; random_secret >"$demo_file"); fi
    export Demo__Password="${Demo__Password:-$(cat "$demo_file")}"
  fi
  say "seeding"
  app_command seed
  echo
  echo "  BackCourse is running at http://127.0.0.1:$port   (Ctrl-C stops it)"
  if [ "$ASPNETCORE_ENVIRONMENT" = "Development" ]; then
    echo
    echo "  Demo accounts (Development only), password: $Demo__Password"
    echo "    admin@backcourse.test       Admin"
    echo "    instructor@backcourse.test  Instructor"
    echo "    learner@backcourse.test     Learner"
    echo "  Email is written to $Email__PickupDirectory as .eml files."
  fi
  echo
  cd "$APP_DIR" || die "cannot enter $APP_DIR"
  exec dotnet BackCourse.Web.dll
}

cmd_migrate() {
  ensure_dotnet
  use_configured_or_local_database
  publish_app
  app_command migrate
}

cmd_seed() {
  ensure_dotnet
  use_configured_or_local_database
  publish_app
  app_command seed "$@"
}
