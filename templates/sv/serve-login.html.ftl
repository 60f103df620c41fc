<#-- vaxel serve: login. Model: error (null, "bad-login", "too-many"), sso. Ids: docs/serve.md. -->
<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Logga in – vaxel</title>
<link rel="stylesheet" href="/static/vaxel.css">
</head>
<body class="login">
<main>
<h1>Logga in</h1>
<#if error??>
<p id="login-error" class="error" role="alert"><#if error == "too-many">För många misslyckade försök. Vänta en stund och försök igen.<#else>Fel användarnamn eller lösenord.</#if></p>
</#if>
<form id="login-form" method="post" action="/login">
<label for="login-user">Användarnamn</label>
<input id="login-user" name="user" autocomplete="username" autocapitalize="none" required autofocus>
<label for="login-password">Lösenord</label>
<input id="login-password" name="password" type="password" autocomplete="current-password" required>
<button id="login-submit" type="submit">Logga in</button>
</form>
</main>
</body>
</html>
