// The VS Code side of `piiflow lsp`: starts the server for C files and hands
// it the settings. Everything else (diagnostics with their trace, code
// actions, hovers) is the language server protocol's.
'use strict';
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const cfg = vscode.workspace.getConfiguration('piiflow');
  const server = { command: cfg.get('path', 'piiflow'), args: ['lsp'], transport: TransportKind.stdio };
  const options = {
    documentSelector: [{ scheme: 'file', language: 'c' }],
    initializationOptions: {
      buildDir: cfg.get('buildDir', '') || undefined,
      rules: cfg.get('rules', []),
      delayMs: cfg.get('delayMs', 300),
    },
  };
  client = new LanguageClient('piiflow', 'piiflow', server, server, options);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
