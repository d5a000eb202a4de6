// Makes and uses passkeys against Spring Security's WebAuthn endpoints (/webauthn/register/options,
// /webauthn/register, /webauthn/authenticate/options, /login/webauthn), with the page's CSRF token, and says in
// words what went wrong. Buttons: #register-passkey (with #passkey-label) and #use-passkey, inside a [data-passkeys]
// element that carries the CSRF header and token; messages go to #passkey-status.
(() => {
  "use strict";

  const b64 = {
    encode(buffer) {
      return btoa(String.fromCharCode(...new Uint8Array(buffer)))
        .replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_");
    },
    decode(text) {
      const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      return Uint8Array.from(bin, c => c.charCodeAt(0)).buffer;
    }
  };

  class Refusal extends Error {}

  async function post(box, url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json",
                 [box.dataset.csrfHeader]: box.dataset.csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    let answer = null;
    try { answer = await response.json(); } catch (e) { /* no body */ }
    if (!response.ok) {
      throw new Refusal(answer && answer.message ? answer.message
        : response.status === 403 ? "Steward refused this: sign in again, or use the passkey you already have."
        : "Steward could not do this (it answered " + response.status + "). Reload the page and try again.");
    }
    return answer;
  }

  function said(error, making) {
    if (error instanceof Refusal) { return error.message; }
    if (error && error.name === "NotAllowedError") {
      return "No passkey was " + (making ? "made" : "used") + ": the browser's request was cancelled or timed out. "
        + "Try again.";
    }
    if (error && error.name === "InvalidStateError") {
      return "This device already holds a passkey for your account: use that one.";
    }
    return "The browser could not " + (making ? "make" : "use") + " a passkey"
      + (error && error.message ? " (" + error.message + ")" : "") + ".";
  }

  async function register(box, label) {
    const options = await post(box, box.dataset.base + "webauthn/register/options");
    const credential = await navigator.credentials.create({ publicKey: {
      ...options,
      challenge: b64.decode(options.challenge),
      user: { ...options.user, id: b64.decode(options.user.id) },
      excludeCredentials: (options.excludeCredentials || []).map(c => ({ ...c, id: b64.decode(c.id) }))
    }});
    const response = credential.response;
    await post(box, box.dataset.base + "webauthn/register", { publicKey: { label, credential: {
      id: credential.id,
      rawId: b64.encode(credential.rawId),
      type: credential.type,
      response: {
        attestationObject: b64.encode(response.attestationObject),
        clientDataJSON: b64.encode(response.clientDataJSON),
        transports: response.getTransports ? response.getTransports() : []
      },
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment
    }}});
  }

  async function use(box) {
    const options = await post(box, box.dataset.base + "webauthn/authenticate/options");
    const credential = await navigator.credentials.get({ publicKey: {
      ...options,
      challenge: b64.decode(options.challenge),
      allowCredentials: (options.allowCredentials || []).map(c => ({ ...c, id: b64.decode(c.id) }))
    }});
    const response = credential.response;
    const answer = await post(box, box.dataset.base + "login/webauthn", {
      id: credential.id,
      rawId: b64.encode(credential.rawId),
      type: credential.type,
      credType: credential.type,
      response: {
        authenticatorData: b64.encode(response.authenticatorData),
        clientDataJSON: b64.encode(response.clientDataJSON),
        signature: b64.encode(response.signature),
        userHandle: response.userHandle ? b64.encode(response.userHandle) : undefined
      },
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment
    });
    return answer.redirectUrl;
  }

  function setUp(box) {
    const status = box.querySelector("#passkey-status");
    const tell = (text, bad) => {
      status.textContent = text;
      status.className = text ? "notice " + (bad ? "bad" : "ok") : "";
    };
    if (!window.PublicKeyCredential || !navigator.credentials) {
      tell("This browser cannot make or use passkeys. Use another browser, or sign in with your password.", true);
      box.querySelectorAll("button").forEach(b => { b.disabled = true; });
      return;
    }
    const making = box.querySelector("#register-passkey");
    if (making) {
      making.addEventListener("click", async () => {
        const field = box.querySelector("#passkey-label");
        const label = field.value.trim();
        if (!label) {
          tell("Give the passkey a name, such as the device it is on, so you know it again in your list.", true);
          field.focus();
          return;
        }
        making.disabled = true;
        tell("");
        try {
          await register(box, label);
          if (box.dataset.thenUse === "true") {
            tell("Your passkey is made. Now use it once to go on.");
            window.location.assign(await use(box));
          } else {
            window.location.assign(box.dataset.done);
          }
        } catch (error) {
          tell(said(error, true), true);
        } finally {
          making.disabled = false;
        }
      });
    }
    const using = box.querySelector("#use-passkey");
    if (using) {
      using.addEventListener("click", async () => {
        using.disabled = true;
        tell("");
        try {
          window.location.assign(await use(box));
        } catch (error) {
          tell(said(error, false), true);
        } finally {
          using.disabled = false;
        }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", () => document.querySelectorAll("[data-passkeys]").forEach(setUp));
})();
