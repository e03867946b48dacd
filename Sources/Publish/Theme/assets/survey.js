/* Doorstep survey forms: skip logic, answer checks, answers kept on this device and exported as CSV,
   and a mode for typing in paper returns (index.html?mode=entry) with double entry.
   Plain ES5 with no libraries, so it runs on old phones and from file://. The form works without it. */
(function () {
  'use strict';

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function parseJSON(text, fallback) {
    if (!text) { return fallback; }
    try { return JSON.parse(text); } catch (e) { return fallback; }
  }

  /* localStorage can be missing or refuse writes (private browsing, some file:// pages). */
  var store = (function () {
    try {
      var key = '__doorstep_test__';
      window.localStorage.setItem(key, '1');
      window.localStorage.removeItem(key);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  })();

  function load(key, fallback) { return store ? parseJSON(store.getItem(key), fallback) : fallback; }

  function save(key, value) {
    if (!store) { return false; }
    try { store.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
  }

  function SurveyForm(form) {
    this.form = form;
    this.id = form.getAttribute('data-survey-id');
    this.variables = parseJSON(form.getAttribute('data-variables'), []);
    /* The columns of the CSV, as the codebook lists them: [name, kind, variable, code]. */
    this.columns = parseJSON(form.getAttribute('data-columns'), []);
    this.codeLabels = parseJSON(form.getAttribute('data-codes'), {});
    /* The script's messages in the form's language, from the wording table (script.* keys). */
    this.wording = parseJSON(form.getAttribute('data-wording'), {});
    var prefix = 'doorstep-survey:' + this.id + ':' + form.getAttribute('data-survey-version');
    this.draftKey = prefix + ':draft';
    this.responsesKey = prefix + ':responses';
    this.questions = [];
    var self = this;
    each(form.querySelectorAll('[data-question]'), function (element) {
      self.questions.push({
        element: element,
        id: element.getAttribute('data-question'),
        type: element.getAttribute('data-type'),
        showIf: parseJSON(element.getAttribute('data-show-if'), null),
        required: element.getAttribute('data-required') === 'true',
        checks: parseJSON(element.getAttribute('data-checks'), {}),
        calculate: parseJSON(element.getAttribute('data-calculate'), null),
        filterBy: element.getAttribute('data-filter-by'),
        defaultKind: element.getAttribute('data-default'),
        requiredMessage: element.getAttribute('data-required-message')
      });
    });
    this.metadata = parseJSON(form.getAttribute('data-metadata'), []);
    this.summary = form.querySelector('.survey-error-summary');
    this.status = form.querySelector('.survey-status');
    this.panel = form.querySelector('[data-entry-panel]');
    this.list = form.querySelector('[data-saved-list]');
    this.result = form.querySelector('[data-entry-result]');
    /* Typing in paper returns: the page opened as index.html?mode=entry. */
    this.entry = !!this.panel && /[?&]mode=entry(&|$)/.test(window.location.search);
    /* The response being corrected, by its response_id. */
    this.editing = null;
    this.editingMode = null;
    this.codeErrors = {};
  }

  /* A message in the form's language, with {name} placeholders filled in. */
  SurveyForm.prototype.say = function (key, values) {
    var text = this.wording[key] || key;
    return text.replace(/\{([a-z_]+)\}/g, function (whole, name) {
      return values && values[name] !== undefined ? String(values[name]) : whole;
    });
  };

  SurveyForm.prototype.start = function () {
    var self = this;
    var form = this.form;
    form.noValidate = true;
    each(form.querySelectorAll('[data-survey-actions]'), function (element) { element.hidden = false; });
    var draft = load(this.draftKey, {});
    this.started = draft.__started || '';
    this.restore(draft);
    this.applyDefaults();
    this.startRepeats();
    if (this.entry) { this.startEntry(); }
    this.update();
    form.addEventListener('change', function (event) { self.exclusive(event.target); self.changed(event.target); });
    form.addEventListener('input', function (event) {
      if (event.target.hasAttribute && event.target.hasAttribute('data-code-input')) { self.typedCode(event.target); }
      self.changed(event.target);
    });
    form.addEventListener('submit', function (event) { event.preventDefault(); self.submit(); });
    each(form.querySelectorAll('[data-action="download"]'), function (button) {
      button.addEventListener('click', function () { self.download(); });
    });
    each(form.querySelectorAll('[data-action="clear"]'), function (button) {
      button.addEventListener('click', function () { self.clearSaved(); });
    });
    this.announce(store ? this.countMessage() : this.say('no_storage'));
  };

  SurveyForm.prototype.changed = function (target) {
    if (!this.started) { this.started = nowText(); }
    this.update();
    if (this.entry) { this.syncCodes(target); }
    var draft = this.values();
    draft.__started = this.started;
    save(this.draftKey, draft);
  };

  /* "Don't know" and "Prefer not to say" cannot be ticked with other answers, and clear a typed answer. */
  SurveyForm.prototype.exclusive = function (input) {
    if (!input || input.type !== 'checkbox') { return; }
    var group = this.form.querySelectorAll('input[type="checkbox"][name="' + input.name + '"]');
    var special = input.getAttribute('data-special');
    var notAnswered = input.parentNode && input.parentNode.parentNode &&
      input.parentNode.parentNode.getAttribute('data-not-answered-for');
    if (input.checked && (special === 'dont_know' || special === 'prefer_not_to_say' || notAnswered)) {
      each(group, function (other) { if (other !== input) { other.checked = false; } });
    } else if (input.checked) {
      each(group, function (other) {
        var s = other.getAttribute('data-special');
        if (s === 'dont_know' || s === 'prefer_not_to_say') { other.checked = false; }
      });
    }
    if (input.checked && notAnswered) {
      var field = this.form.querySelector('[name="' + notAnswered + '"]');
      if (field) { field.value = ''; }
    }
  };

  /* Raw values of every named control, to keep a draft and to reopen a saved response. */
  SurveyForm.prototype.values = function () {
    var values = {};
    each(this.form.elements, function (element) {
      if (!element.name) { return; }
      if (element.type === 'radio' || element.type === 'checkbox') {
        if (!values[element.name]) { values[element.name] = []; }
        if (element.checked) { values[element.name].push(element.value); }
      } else if (element.tagName !== 'BUTTON') {
        values[element.name] = element.value;
      }
    });
    return values;
  };

  SurveyForm.prototype.restore = function (values) {
    each(this.form.elements, function (element) {
      if (!element.name || !(element.name in values)) { return; }
      var value = values[element.name];
      if (element.type === 'radio' || element.type === 'checkbox') {
        element.checked = value instanceof Array && value.indexOf(element.value) >= 0;
      } else if (element.tagName !== 'BUTTON') {
        element.value = typeof value === 'string' ? value : '';
      }
    });
  };

  /* The value of a control of the typing panel (entry:mode, entry:outcome, entry:pass, …). */
  SurveyForm.prototype.entryValue = function (name) {
    var value = '';
    each(this.form.querySelectorAll('[name="entry:' + name + '"]'), function (element) {
      if (element.type === 'radio') {
        if (element.checked) { value = element.value; }
      } else {
        value = element.value.replace(/^\s+|\s+$/g, '');
      }
    });
    return value;
  };

  /* One value per question, as the codebook's columns hold them: codes joined by spaces for
     "tick all that apply" (the CSV splits them into one 0/1 column per option), codes in rank order
     for a ranking. */
  SurveyForm.prototype.answerOf = function (question, answers) {
    var form = this.form;
    var id = question.id;
    if (question.type === 'calculate') { return calculated(question.calculate, answers || {}); }
    if (question.type === 'ranking') {
      var ranked = [];
      each(question.element.querySelectorAll('input[data-code]'), function (input) {
        var n = parseFloat(input.value);
        if (!isNaN(n)) { ranked.push({ code: input.getAttribute('data-code'), rank: n }); }
      });
      ranked.sort(function (a, b) { return a.rank - b.rank; });
      return ranked.map(function (r) { return r.code; }).join(' ');
    }
    var picked = [];
    var single = '';
    each(form.querySelectorAll('[name="' + id + '"]'), function (element) {
      if (element.type === 'radio' || element.type === 'checkbox') {
        if (element.checked) { picked.push(element.value); }
      } else {
        single = element.value.replace(/^\s+|\s+$/g, '');
      }
    });
    return picked.length ? picked.join(' ') : single;
  };

  SurveyForm.prototype.extraValue = function (name) {
    var value = '';
    each(this.form.querySelectorAll('[name="' + name + '"]'), function (element) {
      if (element.type === 'checkbox' || element.type === 'radio') {
        if (element.checked) { value = element.value; }
      } else {
        value = element.value.replace(/^\s+|\s+$/g, '');
      }
    });
    return value;
  };

  /* What happened, as typed in the panel; the web form itself is always a completed visit. */
  SurveyForm.prototype.visitOutcome = function () {
    return this.entry ? (this.entryValue('outcome') || 'completed') : 'completed';
  };

  /* Answers of questions that are shown; a hidden question counts as unanswered, as in ODK. Nothing is
     asked after a refusal or at a visit nobody answered. */
  SurveyForm.prototype.answers = function () {
    var answers = {};
    var shown = {};
    var open = this.visitOutcome() === 'completed';
    var refused = false;
    for (var i = 0; i < this.questions.length; i++) {
      var question = this.questions[i];
      var visible = open && !refused && (!question.showIf || evaluate(question.showIf, answers));
      shown[question.id] = visible;
      answers[question.id] = visible && question.type !== 'note' ? this.answerOf(question, answers) : '';
      if (question.type === 'consent' && answers[question.id] === 'no') { refused = true; }
    }
    for (var j = 0; j < this.variables.length; j++) {
      var name = this.variables[j];
      if (!(name in answers)) {
        var owner = name.replace(/_(other|na)$/, '');
        answers[name] = shown[owner] === false ? '' : this.extraValue(name);
      }
    }
    var otherAnswers = answers;
    each(this.form.querySelectorAll('[data-other-for]'), function (input) {
      var owner = input.getAttribute('data-other-for');
      if ((' ' + otherAnswers[owner] + ' ').indexOf(' other ') < 0) { otherAnswers[input.name] = ''; }
    });
    each(this.form.querySelectorAll('[data-not-answered-for]'), function (group) {
      var owner = group.getAttribute('data-not-answered-for');
      if (otherAnswers[owner] !== '') { otherAnswers[owner + '_na'] = ''; }
    });
    var outcome = open ? (refused ? 'refused' : 'completed') : this.visitOutcome();
    return { values: answers, shown: shown, outcome: outcome };
  };

  function evaluate(condition, answers) {
    var i;
    if (condition.all) {
      for (i = 0; i < condition.all.length; i++) { if (!evaluate(condition.all[i], answers)) { return false; } }
      return true;
    }
    if (condition.any) {
      for (i = 0; i < condition.any.length; i++) { if (evaluate(condition.any[i], answers)) { return true; } }
      return false;
    }
    if (condition.not) { return !evaluate(condition.not, answers); }
    var value = answers[condition.q] || '';
    var values = condition.values || [];
    var picked = condition.multiple ? value.split(' ') : [value];
    function has(code) {
      if (condition.number) { return value !== '' && parseFloat(value) === parseFloat(code); }
      return picked.indexOf(String(code)) >= 0;
    }
    var number = parseFloat(value);
    var bound = parseFloat(values[0]);
    switch (condition.op) {
      case 'answered': return (value !== '') === (String(values[0]).toLowerCase() !== 'false');
      case 'equals':
      case 'one_of':
        for (i = 0; i < values.length; i++) { if (has(values[i])) { return true; } }
        return false;
      case 'not_equals':
        for (i = 0; i < values.length; i++) { if (has(values[i])) { return false; } }
        return true;
      case 'at_least': return value !== '' && number >= bound;
      case 'at_most': return value !== '' && number <= bound;
      case 'more_than': return value !== '' && number > bound;
      case 'less_than': return value !== '' && number < bound;
    }
    return true;
  }

  SurveyForm.prototype.update = function () {
    var state = this.answers();
    for (var i = 0; i < this.questions.length; i++) {
      var question = this.questions[i];
      var visible = state.shown[question.id];
      question.element.hidden = !visible;
      each(question.element.querySelectorAll('input, textarea, select'), function (input) { input.disabled = !visible; });
    }
    each(this.form.querySelectorAll('[data-other-for]'), function (input) {
      var owner = input.getAttribute('data-other-for');
      var chosen = (' ' + state.values[owner] + ' ').indexOf(' other ') >= 0;
      input.parentNode.hidden = !chosen;
    });
    this.updateLogic(state);
  };

  /* A number box holding text the browser cannot read as a number ("2e", "1..5") reports no value at
     all; it is an error, never a blank. */
  function unreadable(element) {
    var bad = false;
    each(element.querySelectorAll('input[type="number"]'), function (input) {
      if (!input.disabled && input.validity && input.validity.badInput) { bad = true; }
    });
    return bad;
  }

  /* The same checks as the XLSForm's constraints: numbers and their range, whole numbers, lengths,
     patterns, ranks used once each, and required answers. */
  SurveyForm.prototype.problems = function (state) {
    var problems = [];
    if (this.entry && this.entryValue('form_number') === '' && this.editingMode !== 'web') {
      problems.push({ element: this.form.querySelector('[data-entry-field="form_number"]'), message: this.say('form_number_required') });
    }
    for (var i = 0; i < this.questions.length; i++) {
      var question = this.questions[i];
      if (!state.shown[question.id] || question.type === 'note') { continue; }
      var value = state.values[question.id];
      var checks = question.checks;
      var message = this.codeErrors[question.id] || null;
      var excused = state.values[question.id + '_na'];
      if (message) {
        /* The typed code is wrong; that is the problem to fix first. */
      } else if (question.type === 'ranking') {
        message = this.rankProblem(question);
      } else if (unreadable(question.element)) {
        message = this.say(question.type === 'integer' ? 'whole_number' : 'enter_number');
      } else if (value === '') {
        if (question.required && !excused) { message = question.requiredMessage || this.say('answer_required'); }
      } else if (question.type === 'integer' || question.type === 'decimal') {
        var n = /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(value) ? Number(value) : NaN;
        if (isNaN(n)) {
          message = this.say('enter_number');
        } else if (checks.integer && Math.floor(n) !== n) {
          message = this.say('whole_number');
        } else if ((checks.min !== undefined && n < checks.min) || (checks.max !== undefined && n > checks.max)) {
          message = checks.message || this.say('enter_number');
        }
      } else if (question.type === 'text' || question.type === 'text_long') {
        if ((checks.min_length !== undefined && value.length < checks.min_length) ||
            (checks.max_length !== undefined && value.length > checks.max_length)) {
          message = checks.message;
        }
        if (!message && checks.pattern && !matchesPattern(checks.pattern, value)) {
          message = checks.message || this.say('pattern');
        }
      }
      if (!message && question.type === 'ranking' && value === '' && question.required) {
        message = question.requiredMessage || this.say('answer_required');
      }
      if (!message && value.indexOf('other') >= 0 && state.values[question.id + '_other'] === '' &&
          (' ' + value + ' ').indexOf(' other ') >= 0 && question.required) {
        message = this.say('say_what_other_is');
      }
      if (message) { problems.push({ element: question.element, message: message }); }
    }
    return problems;
  };

  /* Ranks are whole numbers from 1 to the number of options, each used once, no more than asked for. */
  SurveyForm.prototype.rankProblem = function (question) {
    var inputs = question.element.querySelectorAll('input[data-code]');
    var used = {};
    var count = 0;
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      var text = input.value.replace(/^\s+|\s+$/g, '');
      if (input.validity && input.validity.badInput) { return this.say('rank_range', { max: inputs.length }); }
      if (text === '') { continue; }
      var n = Number(text);
      if (!/^\d+$/.test(text) || n < 1 || n > inputs.length) { return this.say('rank_range', { max: inputs.length }); }
      if (used[n]) { return this.say('rank_tie', { rank: n }); }
      used[n] = true;
      count += 1;
    }
    if (question.checks.rank && count > question.checks.rank) { return this.say('rank_up_to', { rank: question.checks.rank }); }
    return null;
  };

  SurveyForm.prototype.showProblems = function (problems) {
    var list = this.summary ? this.summary.querySelector('.survey-error-list') : null;
    each(this.form.querySelectorAll('.survey-error-message'), function (p) { p.hidden = true; p.textContent = ''; });
    each(this.form.querySelectorAll('[aria-invalid]'), function (input) { input.removeAttribute('aria-invalid'); });
    if (list) { list.innerHTML = ''; }
    for (var i = 0; i < problems.length; i++) {
      var problem = problems[i];
      var element = problem.element;
      var number = element.querySelector('.survey-number');
      var text = (number ? this.say('question_prefix', { number: number.textContent.replace('.', '') }) : '') + problem.message;
      var inline = element.querySelector('.survey-error-message');
      if (inline) { inline.textContent = problem.message; inline.hidden = false; }
      each(element.querySelectorAll('input, textarea'), function (input) { input.setAttribute('aria-invalid', 'true'); });
      if (list) {
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.href = '#' + element.id;
        link.textContent = text;
        item.appendChild(link);
        list.appendChild(item);
      }
    }
    if (this.summary) {
      this.summary.hidden = problems.length === 0;
      if (problems.length) { this.summary.focus(); }
    }
  };

  /* The response as saved: the data-shape fields, the answers by variable, and the raw controls so it
     can be opened again and corrected. */
  SurveyForm.prototype.record = function (state) {
    var values = {};
    for (var i = 0; i < this.variables.length; i++) {
      var name = this.variables[i];
      var value = state.values[name];
      if (name === 'today' && this.metadata.indexOf('today') >= 0) { value = todayText(); }
      values[name] = value === undefined ? '' : value;
    }
    var raw = this.values();
    return {
      response_id: newID(),
      mode: this.entry ? (this.entryValue('mode') || 'paper') : 'web',
      outcome: state.outcome,
      start: this.started || nowText(),
      end: nowText(),
      volunteer_id: this.entry ? this.entryValue('volunteer_id') : '',
      form_number: this.entry ? this.entryValue('form_number') : '',
      values: values,
      raw: raw
    };
  };

  /* Saved responses; rows kept by earlier versions of this page (one array per response) are read too. */
  SurveyForm.prototype.saved = function () {
    var responses = load(this.responsesKey, []);
    var variables = this.variables;
    var upgraded = false;
    for (var i = 0; i < responses.length; i++) {
      if (responses[i] instanceof Array) {
        var values = {};
        for (var j = 0; j < variables.length; j++) { values[variables[j]] = responses[i][j] === undefined ? '' : responses[i][j]; }
        responses[i] = { response_id: newID(), mode: 'web', outcome: 'completed', start: '', end: '', volunteer_id: '',
          form_number: '', values: values, raw: null };
        upgraded = true;
      }
    }
    if (upgraded) { save(this.responsesKey, responses); }
    return responses;
  };

  SurveyForm.prototype.submit = function () {
    var state = this.answers();
    var problems = this.problems(state);
    var record = this.record(state);
    var responses = this.saved();
    var editing = this.editing;
    var first = null;
    if (this.entry && !editing) {
      for (var i = 0; i < responses.length; i++) {
        if (responses[i].form_number === record.form_number && record.form_number !== '') { first = responses[i]; }
      }
      if (first && this.entryValue('pass') !== 'second') {
        problems.unshift({ element: this.form.querySelector('[data-entry-field="form_number"]'),
          message: this.say('form_already_typed', { form: record.form_number }) });
      }
    }
    this.showProblems(problems);
    if (problems.length) { return; }
    var message;
    if (first) {
      var differences = this.differences(first, record);
      if (differences.length) {
        this.showDifferences(first, record, differences);
        return;
      }
      first.checked = true;
      message = this.say('second_matches', { form: record.form_number });
    } else if (editing) {
      var place = 0;
      for (var k = 0; k < responses.length; k++) {
        if (responses[k].response_id === editing) {
          record.response_id = editing;
          record.mode = responses[k].mode;
          record.start = responses[k].start;
          record.end = responses[k].end;
          record.checked = responses[k].checked;
          responses[k] = record;
          place = k;
        }
      }
      message = this.say('changes_saved', { name: this.nameOf(record, place) });
    } else {
      responses.push(record);
      message = this.entry && this.entryValue('pass') === 'second'
        ? this.say('second_no_first', { form: record.form_number })
        : this.entry ? this.say('first_typing_saved', { form: record.form_number }) : this.say('saved');
    }
    if (!save(this.responsesKey, responses)) {
      this.announce(this.say('not_saved'));
      return;
    }
    this.finish(message);
  };

  /* Empties the form for the next response, keeping the typist's choices of mode and typing. */
  SurveyForm.prototype.finish = function (message) {
    var keep = { mode: this.entryValue('mode'), pass: this.entryValue('pass'), volunteer_id: this.entryValue('volunteer_id') };
    this.form.reset();
    if (this.entry) {
      this.restore({ 'entry:mode': [keep.mode], 'entry:pass': [keep.pass], 'entry:volunteer_id': keep.volunteer_id });
    }
    this.editing = null;
    this.editingMode = null;
    this.codeErrors = {};
    this.started = '';
    if (this.result) { this.result.hidden = true; this.result.innerHTML = ''; }
    save(this.draftKey, {});
    this.resetRepeats();
    this.applyDefaults();
    this.update();
    if (this.entry) { this.syncCodes(null); this.renderList(); }
    this.announce(message + ' ' + this.countMessage());
    if (this.entry) {
      var field = this.form.querySelector('[name="entry:form_number"]');
      if (field) { field.focus(); }
    } else {
      window.scrollTo(0, 0);
    }
  };

  /* Questions whose answers differ between two typings of one paper form. */
  SurveyForm.prototype.differences = function (first, second) {
    var result = [];
    if (first.outcome !== second.outcome) { result.push({ variable: 'outcome', before: first.outcome }); }
    for (var i = 0; i < this.variables.length; i++) {
      var name = this.variables[i];
      var a = first.values[name] || '';
      var b = second.values[name] || '';
      if (a.split(' ').sort().join(' ') !== b.split(' ').sort().join(' ')) { result.push({ variable: name, before: a }); }
    }
    return result;
  };

  /* An answer as printed on paper: the entry numbers of its codes, or the value itself. */
  SurveyForm.prototype.printed = function (variable, value) {
    if (value === '') { return this.say('blank'); }
    var form = this.form;
    if (variable === 'outcome') { return (this.codeLabels.outcome || {})[value] || value; }
    return value.split(' ').map(function (code) {
      var input = form.querySelector('input[name="' + variable + '"][value="' + code + '"]');
      return input && input.getAttribute('data-entry') ? input.getAttribute('data-entry') : code;
    }).join(' ');
  };

  SurveyForm.prototype.showDifferences = function (first, record, differences) {
    var self = this;
    var box = this.result;
    if (!box) { return; }
    box.innerHTML = '';
    var intro = document.createElement('p');
    intro.textContent = differences.length === 1
      ? this.say('second_differs_one', { form: record.form_number })
      : this.say('second_differs_many', { form: record.form_number, count: differences.length });
    box.appendChild(intro);
    var list = document.createElement('ul');
    list.className = 'survey-typing-differences';
    for (var i = 0; i < differences.length; i++) {
      var difference = differences[i];
      var element = this.form.querySelector('[data-question="' + difference.variable.replace(/_(other|na)$/, '') + '"]');
      var target = difference.variable === 'outcome' ? this.panel : element;
      var number = element ? element.querySelector('.survey-number') : null;
      var item = document.createElement('li');
      item.setAttribute('data-difference', difference.variable);
      var link = document.createElement('a');
      link.href = '#' + (target ? target.id || 'survey-entry-title' : 'survey-entry-title');
      link.textContent = (number ? this.say('question_prefix', { number: number.textContent.replace('.', '') }) : difference.variable + ': ') +
        this.say('first_typing', { value: this.printed(difference.variable, difference.before) });
      item.appendChild(link);
      list.appendChild(item);
    }
    box.appendChild(list);
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'survey-button survey-button-secondary';
    button.setAttribute('data-action', 'use-second');
    button.textContent = this.say('use_second');
    button.addEventListener('click', function () { self.useSecond(first.response_id); });
    box.appendChild(button);
    box.hidden = false;
    box.focus();
  };

  /* The typist found the first typing wrong: the second replaces it, and the form counts as checked. */
  SurveyForm.prototype.useSecond = function (id) {
    var record = this.record(this.answers());
    var responses = this.saved();
    for (var i = 0; i < responses.length; i++) {
      if (responses[i].response_id === id) {
        record.response_id = id;
        record.start = responses[i].start;
        record.checked = true;
        responses[i] = record;
      }
    }
    if (!save(this.responsesKey, responses)) { this.announce(this.say('not_saved')); return; }
    this.finish(this.say('second_matches', { form: record.form_number }));
  };

  SurveyForm.prototype.countMessage = function () {
    var count = this.saved().length;
    return count === 1 ? this.say('saved_one') : this.say('saved_many', { count: count });
  };

  SurveyForm.prototype.announce = function (message) {
    if (this.status) { this.status.textContent = message; }
  };

  /* A cell a spreadsheet would read as a formula gets a leading ' (OWASP); plain numbers stay as they are. */
  function csvField(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?[0-9]+(\.[0-9]+)?$/.test(text)) { text = "'" + text; }
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /* One cell: a response field, a variable's value, or 1/0 for one option of a tick-all question
     (empty when the question was not answered). */
  function cell(column, response) {
    if (column[1] === 'response') { return response[column[0]] || ''; }
    var value = response.values[column[2]] || '';
    if (column[1] === 'variable') { return value; }
    if (value === '') { return ''; }
    return (' ' + value + ' ').indexOf(' ' + column[3] + ' ') >= 0 ? '1' : '0';
  }

  /* Header row: exactly the codebook's columns, so the file loads next to the codebook. */
  SurveyForm.prototype.csv = function () {
    var columns = this.columns;
    var lines = [columns.map(function (column) { return csvField(column[0]); }).join(',')];
    var responses = this.saved();
    for (var i = 0; i < responses.length; i++) {
      var response = responses[i];
      lines.push(columns.map(function (column) { return csvField(cell(column, response)); }).join(','));
    }
    return lines.join('\r\n') + '\r\n';
  };

  SurveyForm.prototype.download = function () {
    var text = this.csv();
    var name = this.id + '-responses.csv';
    var link = document.createElement('a');
    if (window.Blob && window.URL && URL.createObjectURL) {
      var blob = new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' });
      if (window.navigator && window.navigator.msSaveBlob) { window.navigator.msSaveBlob(blob, name); return; }
      link.href = URL.createObjectURL(blob);
    } else {
      link.href = 'data:text/csv;charset=utf-8,' + encodeURIComponent(text);
    }
    link.download = name;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
  };

  SurveyForm.prototype.clearSaved = function () {
    if (!window.confirm(this.say('confirm_delete'))) { return; }
    if (store) { store.removeItem(this.responsesKey); store.removeItem(this.draftKey); }
    if (this.entry) { this.renderList(); }
    this.announce(this.countMessage());
  };

  /* Typing in paper returns: the panel, a box for each question's printed code, the saved list. */

  SurveyForm.prototype.startEntry = function () {
    var self = this;
    var form = this.form;
    this.panel.hidden = false;
    each(form.querySelectorAll('[data-entry-link]'), function (link) { link.hidden = true; });
    each(form.querySelectorAll('[data-code-for]'), function (box) { box.hidden = false; });
    /* The tab key goes from one code box to the next; the boxes and buttons still work by pointer. */
    each(form.querySelectorAll('[data-code-for] ~ .survey-options input'), function (input) { input.tabIndex = -1; });
    each(form.querySelectorAll('[data-entry-leave]'), function (link) { link.href = window.location.pathname.split('/').pop() || '.'; });
    /* Enter moves on to the next box instead of saving half a form. */
    form.addEventListener('keydown', function (event) {
      var target = event.target;
      if ((event.key === 'Enter' || event.keyCode === 13) && target.tagName === 'INPUT' && target.type !== 'radio' &&
          target.type !== 'checkbox' && target.type !== 'submit') {
        event.preventDefault();
        self.focusNext(target);
      }
    });
    this.syncCodes(null);
    this.renderList();
    var first = form.querySelector('[name="entry:form_number"]');
    if (first && !window.location.hash) { first.focus(); }
  };

  SurveyForm.prototype.focusNext = function (from) {
    var fields = this.form.querySelectorAll('input:not([type="radio"]):not([type="checkbox"]):not([type="hidden"]), textarea, button[type="submit"]');
    var seen = false;
    for (var i = 0; i < fields.length; i++) {
      if (seen && !fields[i].disabled && fields[i].offsetParent !== null) { fields[i].focus(); return; }
      if (fields[i] === from) { seen = true; }
    }
  };

  /* The codes typed for a choice question tick its boxes: one code, or several with spaces for
     "tick all that apply". A code that is not printed on the form is reported at once. */
  SurveyForm.prototype.typedCode = function (input) {
    var id = input.getAttribute('data-code-input');
    var question = null;
    for (var i = 0; i < this.questions.length; i++) { if (this.questions[i].id === id) { question = this.questions[i]; } }
    if (!question) { return; }
    var options = question.element.querySelectorAll('.survey-options input[name="' + id + '"]');
    var byCode = {};
    var printed = [];
    each(options, function (option) {
      var code = option.getAttribute('data-entry') || option.value;
      byCode[code] = option;
      printed.push(code);
    });
    var tokens = input.value.replace(/^[\s,]+|[\s,]+$/g, '').split(/[\s,]+/);
    if (tokens.length === 1 && tokens[0] === '') { tokens = []; }
    var message = null;
    if (tokens.length > 1 && question.type !== 'select_multiple') { message = this.say('one_code_only'); }
    for (var t = 0; t < tokens.length && !message; t++) {
      if (!byCode[tokens[t]]) { message = this.say('not_a_code', { value: tokens[t], codes: printed.join(', ') }); }
    }
    var error = question.element.querySelector('.survey-error-message');
    if (message) {
      this.codeErrors[id] = message;
      input.setAttribute('aria-invalid', 'true');
      if (error) { error.textContent = message; error.hidden = false; error.setAttribute('role', 'alert'); }
      return;
    }
    delete this.codeErrors[id];
    input.removeAttribute('aria-invalid');
    if (error) { error.textContent = ''; error.hidden = true; }
    each(options, function (option) {
      var code = option.getAttribute('data-entry') || option.value;
      option.checked = tokens.indexOf(code) >= 0;
    });
  };

  /* Each code box shows the printed codes of what is ticked, except the box being typed in. */
  SurveyForm.prototype.syncCodes = function (typing) {
    var form = this.form;
    var errors = this.codeErrors;
    each(form.querySelectorAll('[data-code-input]'), function (input) {
      if (input === typing || errors[input.getAttribute('data-code-input')]) { return; }
      var codes = [];
      each(form.querySelectorAll('.survey-options input[name="' + input.getAttribute('data-code-input') + '"]'), function (option) {
        if (option.checked) { codes.push(option.getAttribute('data-entry') || option.value); }
      });
      input.value = codes.join(' ');
    });
  };

  SurveyForm.prototype.nameOf = function (response, index) {
    return response.form_number || this.say('web_response', { number: index + 1 });
  };

  /* The saved responses, each with buttons to open it for correcting and to delete it. */
  SurveyForm.prototype.renderList = function () {
    var self = this;
    if (!this.list) { return; }
    var list = this.list.querySelector('.survey-saved-list');
    var responses = this.saved();
    this.list.hidden = false;
    list.innerHTML = '';
    if (!responses.length) {
      var empty = document.createElement('li');
      empty.textContent = this.say('list_empty');
      list.appendChild(empty);
    }
    var modes = this.codeLabels.mode || {};
    var outcomes = this.codeLabels.outcome || {};
    each(responses, function (response, index) {
      var name = self.nameOf(response, index);
      var item = document.createElement('li');
      item.setAttribute('data-response', response.response_id);
      var text = document.createElement('span');
      text.className = 'survey-saved-name';
      var parts = [modes[response.mode] || response.mode, outcomes[response.outcome] || response.outcome];
      if (response.checked) { parts.push(self.say('checked')); }
      text.textContent = name + ' (' + parts.join(', ') + ')';
      item.appendChild(text);
      item.appendChild(self.listButton('open', name, function () { self.open(response.response_id); }));
      item.appendChild(self.listButton('delete', name, function () { self.remove(response.response_id, name); }));
      list.appendChild(item);
    });
  };

  SurveyForm.prototype.listButton = function (action, name, handler) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'survey-button survey-button-secondary survey-button-small';
    button.setAttribute('data-action', action);
    button.textContent = this.say(action);
    button.setAttribute('aria-label', this.say(action) + ' ' + name);
    button.addEventListener('click', handler);
    return button;
  };

  /* Puts a saved response back into the form to be corrected; saving replaces it. */
  SurveyForm.prototype.open = function (id) {
    var responses = this.saved();
    for (var i = 0; i < responses.length; i++) {
      var response = responses[i];
      if (response.response_id !== id) { continue; }
      this.form.reset();
      this.restore({ 'entry:form_number': response.form_number || '', 'entry:volunteer_id': response.volunteer_id || '',
        'entry:outcome': [response.outcome === 'not_at_home' ? 'not_at_home' : 'completed'],
        'entry:mode': [response.mode === 'phone' ? 'phone' : 'paper'] });
      if (response.raw) {
        this.restore(response.raw);
      } else {
        var raw = {};
        for (var name in response.values) {
          if (Object.prototype.hasOwnProperty.call(response.values, name)) {
            raw[name] = response.values[name] === '' ? [] : response.values[name].split(' ');
            if (this.form.querySelector('input[type="text"][name="' + name + '"], input[type="number"][name="' + name + '"], input[type="date"][name="' + name + '"], textarea[name="' + name + '"]')) {
              raw[name] = response.values[name];
            }
          }
        }
        this.restore(raw);
      }
      this.restore({ 'entry:pass': ['first'] });
      this.editing = id;
      this.editingMode = response.mode;
      this.codeErrors = {};
      this.started = response.start;
      this.update();
      this.syncCodes(null);
      this.announce(this.say('editing', { name: this.nameOf(response, i) }));
      var field = this.form.querySelector('[name="entry:form_number"]');
      if (field) { field.focus(); }
      return;
    }
  };

  SurveyForm.prototype.remove = function (id, name) {
    if (!window.confirm(this.say('confirm_delete_one', { name: name }))) { return; }
    var kept = [];
    var responses = this.saved();
    for (var i = 0; i < responses.length; i++) { if (responses[i].response_id !== id) { kept.push(responses[i]); } }
    if (!save(this.responsesKey, kept)) { this.announce(this.say('not_saved')); return; }
    if (this.editing === id) { this.editing = null; }
    this.renderList();
    this.announce(this.say('deleted', { name: name }) + ' ' + this.countMessage());
    var heading = this.list.querySelector('h2');
    if (heading) { heading.tabIndex = -1; heading.focus(); }
  };

  /* Form logic: calculations, defaults, cascades and repeated sections. */

  /* A calculation's value from answers so far: '' while an answer it needs is missing, as in ODK. */
  function calculated(node, answers) {
    var result = calc(node, answers);
    if (typeof result !== 'number' || isNaN(result) || !isFinite(result)) { return ''; }
    return String(Math.round(result * 1e10) / 1e10);
  }

  function calc(node, answers) {
    if (!node) { return NaN; }
    if (node.num !== undefined) { return parseFloat(node.num); }
    if (node.ref !== undefined) {
      var value = answers[node.ref];
      if (value === undefined || value === '') { return node.count ? 0 : NaN; }
      return Number(value);
    }
    if (node.neg) { return -calc(node.neg, answers); }
    if (node.sum) {
      var total = 0;
      for (var i = 0; i < node.sum.length; i++) {
        var part = answers[node.sum[i]];
        if (part !== undefined && part !== '' && !isNaN(Number(part))) { total += Number(part); }
      }
      return total;
    }
    var l = calc(node.l, answers);
    var r = calc(node.r, answers);
    switch (node.op) {
      case '+': return l + r;
      case '-': return l - r;
      case '*': return l * r;
      case '/': return l / r;
    }
    return NaN;
  }

  function matchesPattern(pattern, value) {
    try { return new RegExp(pattern).test(value); } catch (e) { return true; }
  }

  function nowText() {
    return new Date().toISOString();
  }

  /* A random version 4 UUID, from the browser's secure random numbers where it has them. */
  function newID() {
    var bytes = [];
    var crypto = window.crypto || window.msCrypto;
    if (crypto && crypto.getRandomValues && window.Uint8Array) {
      var array = new Uint8Array(16);
      crypto.getRandomValues(array);
      for (var i = 0; i < 16; i++) { bytes.push(array[i]); }
    } else {
      for (var j = 0; j < 16; j++) { bytes.push(Math.floor(Math.random() * 256)); }
    }
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    var hex = bytes.map(function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
  }

  function todayText() {
    var now = new Date();
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return now.getFullYear() + '-' + two(now.getMonth() + 1) + '-' + two(now.getDate());
  }

  /* Today's date, or the answer in the last response saved on this device, where nothing is typed yet. */
  SurveyForm.prototype.applyDefaults = function () {
    var responses = this.saved();
    var last = responses.length ? responses[responses.length - 1] : null;
    for (var i = 0; i < this.questions.length; i++) {
      var question = this.questions[i];
      if (!question.defaultKind) { continue; }
      var value = question.defaultKind === 'today' ? todayText() : null;
      if (question.defaultKind === 'last_answer' && last) {
        value = last.values ? last.values[question.id] : null;
      }
      if (value === null || value === undefined || value === '') { continue; }
      var empty = true;
      var fields = this.form.querySelectorAll('[name="' + question.id + '"]');
      each(fields, function (field) {
        if ((field.type === 'radio' || field.type === 'checkbox') ? field.checked : field.value !== '') { empty = false; }
      });
      if (!empty) { continue; }
      each(fields, function (field) {
        if (field.type === 'radio' || field.type === 'checkbox') { field.checked = field.value === value; } else { field.value = value; }
      });
    }
  };

  SurveyForm.prototype.startRepeats = function () {
    var self = this;
    each(this.form.querySelectorAll('[data-repeat-actions]'), function (actions) { actions.hidden = false; });
    each(this.form.querySelectorAll('[data-action="add-item"], [data-action="remove-item"]'), function (button) {
      button.addEventListener('click', function () {
        var counter = self.form.querySelector('[data-repeat-counter="' + button.getAttribute('data-repeat') + '"]');
        var section = self.form.querySelector('[data-repeat="' + button.getAttribute('data-repeat') + '"]');
        if (!counter || !section) { return; }
        var most = parseInt(section.getAttribute('data-repeat-max'), 10) || 1;
        var count = parseInt(counter.value, 10) || 0;
        count = button.getAttribute('data-action') === 'add-item' ? Math.min(most, count + 1) : Math.max(0, count - 1);
        counter.value = String(count);
        self.changed();
        var item = section.querySelectorAll('[data-repeat-item]')[Math.max(0, count - 1)];
        var focusable = item && button.getAttribute('data-action') === 'add-item' ? item.querySelector('input, textarea') : null;
        if (focusable) { focusable.focus(); }
      });
    });
  };

  SurveyForm.prototype.resetRepeats = function () {
    each(this.form.querySelectorAll('[data-repeat-counter]'), function (counter) { counter.value = '1'; });
  };

  SurveyForm.prototype.updateLogic = function (state) {
    var form = this.form;
    for (var i = 0; i < this.questions.length; i++) {
      var question = this.questions[i];
      if (question.type === 'calculate') {
        var output = question.element.querySelector('output');
        if (output) { output.textContent = state.values[question.id] === '' ? '–' : state.values[question.id]; }
      }
      if (question.filterBy) {
        var parent = state.values[question.filterBy] || '';
        each(question.element.querySelectorAll('[data-parent]'), function (option) {
          var hide = option.getAttribute('data-parent') !== parent;
          option.hidden = hide;
          each(option.querySelectorAll('input'), function (input) {
            if (hide) { input.checked = false; }
            input.disabled = hide || input.disabled;
          });
        });
      }
    }
    /* A member's block shows when the count reaches it; the buttons stop at none and at the most allowed. */
    each(form.querySelectorAll('[data-repeat]'), function (section) {
      if (!section.hasAttribute('data-repeat-max')) { return; }
      var count = parseInt(state.values[section.getAttribute('data-repeat-count')], 10) || 0;
      var most = parseInt(section.getAttribute('data-repeat-max'), 10) || 1;
      each(section.querySelectorAll('[data-repeat-item]'), function (item) {
        item.hidden = parseInt(item.getAttribute('data-repeat-item'), 10) > count;
      });
      each(section.querySelectorAll('[data-action="add-item"]'), function (button) { button.disabled = count >= most; });
      each(section.querySelectorAll('[data-action="remove-item"]'), function (button) { button.disabled = count <= 0; });
    });
  };

  /* The language switch is plain links that work without this script. A choice is remembered, so the
     survey's first page (the one the survey list links to) opens in that language next time. */
  var languageKey = 'doorstep-survey-language';

  function rememberLanguage() {
    var nav = document.querySelector('[data-survey-languages]');
    if (!nav) { return; }
    var links = nav.querySelectorAll('a[hreflang]');
    each(links, function (link) {
      link.addEventListener('click', function () {
        if (store) { try { store.setItem(languageKey, link.getAttribute('hreflang')); } catch (e) { /* kept for this visit only */ } }
      });
    });
    if (!store || nav.getAttribute('data-first-page') !== 'true') { return; }
    var wanted = store.getItem(languageKey);
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute('hreflang') === wanted) { window.location.replace(links[i].href); return; }
    }
  }

  function start() {
    rememberLanguage();
    each(document.querySelectorAll('form.survey-form[data-survey-id]'), function (form) {
      new SurveyForm(form).start();
    });
  }

  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', start);
    } else {
      start();
    }
  }

  /* For tests that run the logic outside a browser. */
  if (typeof module !== 'undefined' && module.exports) { module.exports = { evaluate: evaluate, calculated: calculated }; }
})();
