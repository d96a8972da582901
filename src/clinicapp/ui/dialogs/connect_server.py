"""Settings → "Connect to a central server": the server's address and the one-time code
(and, for a server with its own certificate, the file of the authority that signed it);
the server's fingerprint is fetched and shown, and the person confirms it matches the one
printed with the code before anything is trusted."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicapp.client import enroll
from clinicapp.core.sync import remote
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.whole_text import keep_wrapped_text_whole
from clinicapp.ui.ops import run_op


class ConnectServerDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.info: enroll.ServerInfo | None = None
        self.link: remote.ServerLink | None = None
        self.setWindowTitle(self.tr("Connect to a central server"))
        keep_wrapped_text_whole(self)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://sync.example.org")
        self.url.setAccessibleName(self.tr("Server address"))
        self.code = QLineEdit()
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        self.code.setAccessibleName(self.tr("Enrollment code"))
        form.addRow(self.tr("Server &address:"), self.url)
        form.addRow(self.tr("Enrollment &code:"), self.code)
        # Only for a server whose certificate no public authority signed (the program
        # office's own, or self-signed): then that file alone is trusted for it.
        self.ca_file = QLineEdit()
        self.ca_file.setPlaceholderText(self.tr("Only if the program office gave you one"))
        self.ca_file.setAccessibleName(self.tr("Certificate file"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_ca_file)
        row = QHBoxLayout()
        row.addWidget(self.ca_file)
        row.addWidget(browse)
        # A row that is a layout gets a label with no buddy: Alt+F went nowhere.
        ca_label = QLabel(self.tr("Certificate &file:"))
        ca_label.setBuddy(self.ca_file)
        form.addRow(ca_label, row)
        layout.addLayout(form)
        self.check_button = QPushButton(self.tr("Check the &server"))
        self.check_button.clicked.connect(self.check_server)
        layout.addWidget(self.check_button)
        self.fingerprint = QLabel()
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setAccessibleName(self.tr("Server fingerprint"))
        layout.addWidget(self.fingerprint)
        self.confirmed = QCheckBox(self.tr("This is the fingerprint printed with my code"))
        self.confirmed.setEnabled(False)
        self.confirmed.toggled.connect(self._update)
        layout.addWidget(self.confirmed)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("Problem"))
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = self.buttons.addButton(
            self.tr("C&onnect"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.connect_button.setEnabled(False)
        self.connect_button.clicked.connect(self.connect_now)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.url.textEdited.connect(self._forget_check)
        self.ca_file.textChanged.connect(self._forget_check)

    def _choose_ca_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("The server's certificate file"), "",
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if path:
            self.ca_file.setText(path)

    def _forget_check(self) -> None:
        self.info = None
        self.fingerprint.setText("")
        self.confirmed.setChecked(False)
        self.confirmed.setEnabled(False)
        self._update()

    def _update(self) -> None:
        self.connect_button.setEnabled(self.info is not None and self.confirmed.isChecked()
                                       and bool(self.code.text().strip()))

    def check_server(self) -> None:
        url = self.url.text().strip()
        self.problem.setText("")
        self.check_button.setEnabled(False)
        ca_file = self.ca_file.text().strip()
        run_op(self, lambda: enroll.server_info(url, ca_file), on_success=self._checked,
               on_failure=self._failed)

    def _checked(self, info: enroll.ServerInfo) -> None:
        self.check_button.setEnabled(True)
        self.info = info
        self.fingerprint.setText(self.tr("The server's fingerprint is\n%1\nCompare it with the "
                                         "one printed with your code.")
                                 .replace("%1", info.fingerprint))
        self.confirmed.setEnabled(True)
        self._update()

    def _failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.connect_button.setEnabled(self.info is not None and self.confirmed.isChecked())
        self.problem.setText(str(exc))

    def connect_now(self) -> None:
        if self.info is None or not self.confirmed.isChecked():
            return
        url, code, fingerprint = self.url.text().strip(), self.code.text().strip(), \
            self.info.fingerprint
        db = self.ctx.db
        self.connect_button.setEnabled(False)
        ca_file = self.ca_file.text().strip()
        run_op(self, lambda: enroll.connect(db, url, code, fingerprint=fingerprint,
                                            ca_file=ca_file),
               on_success=self._connected, on_failure=self._failed)

    def _connected(self, link: remote.ServerLink) -> None:
        self.link = link
        from clinicapp.ui.network import controller

        controller(self.ctx).start()  # its first sync brings this workstation's groups
        self.accept()
