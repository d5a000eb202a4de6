// Sends the file of a form with a data-upload address as the request body, with a progress bar, then opens the
// page the answer names. The CSRF token comes from the form Thymeleaf wrote.
document.querySelectorAll('form[data-upload]').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var file = form.querySelector('input[type=file]').files[0];
    if (!file) {
      return;
    }
    var bar = form.querySelector('progress');
    var status = form.querySelector('.upload-status');
    var button = form.querySelector('button[type=submit]');
    var csrf = form.querySelector('input[name=_csrf]');
    var request = new XMLHttpRequest();
    request.open('POST', form.dataset.upload);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.setRequestHeader('X-File-Name', file.name);
    if (csrf) {
      request.setRequestHeader('X-CSRF-TOKEN', csrf.value);
    }
    bar.hidden = false;
    button.disabled = true;
    status.textContent = 'Uploading ' + file.name + '…';
    request.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round(e.loaded * 100 / e.total);
        status.textContent = 'Uploading ' + file.name + ': ' + bar.value + ' %';
      }
    });
    request.addEventListener('load', function () {
      var answer = {};
      try {
        answer = JSON.parse(request.responseText);
      } catch (e) {
        answer = {problem: 'The server answered ' + request.status + '.'};
      }
      if (request.status < 300 && answer.page) {
        window.location.assign(answer.page);
      } else {
        button.disabled = false;
        bar.hidden = true;
        status.textContent = answer.problem || ('The server answered ' + request.status + '.');
      }
    });
    request.addEventListener('error', function () {
      button.disabled = false;
      status.textContent = 'The upload did not reach the server.';
    });
    request.send(file);
  });
});
