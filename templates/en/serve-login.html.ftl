<#-- vaxel serve: login. Model: error (null, "bad-login", "too-many"), sso. Ids: docs/serve.md. -->
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Log in – vaxel</title>
<link rel="stylesheet" href="/static/vaxel.css">
</head>
<body class="login">
<main>
<h1>Log in</h1>
<#if error??>
<p id="login-error" class="error" role="alert"><#if error == "too-many">Too many failed attempts. Wait a while and try again.<#else>Wrong user name or password.</#if></p>
</#if>
<form id="login-form" method="post" action="/login">
<label for="login-user">User name</label>
<input id="login-user" name="user" autocomplete="username" autocapitalize="none" required autofocus>
<label for="login-password">Password</label>
<input id="login-password" name="password" type="password" autocomplete="current-password" required>
<button id="login-submit" type="submit">Log in</button>
</form>
</main>
</body>
</html>
