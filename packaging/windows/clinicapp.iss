; Inno Setup 6 script: a per-user installer for ClinicApp on Windows.
;
; Build on a Windows machine (it cannot be built on Linux):
;   1. Install Python 3.11+ (python.org, "Add to PATH"), Git, and Inno Setup 6.
;   2. In a clone of the repository:
;        py -3.11 -m venv .venv
;        .venv\Scripts\python -m pip install -e .[dev]
;        .venv\Scripts\pyside6-lrelease resources\translations\clinicapp_fr.ts -qm resources\translations\clinicapp_fr.qm
;        .venv\Scripts\python -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\clinicapp.spec
;        set QT_QPA_PLATFORM=offscreen& set CLINICAPP_PASSPHRASE=smoke test passphrase& dist\clinicapp\clinicapp.exe --data-dir %TEMP%\clinicapp-smoke --self-test
;   3. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\clinicapp.iss
;      -> dist\ClinicApp-0.1.0-setup.exe
;
; Per-user: no administrator rights (PrivilegesRequired=lowest), installs into
; %LOCALAPPDATA%\Programs\ClinicApp. The records live in %LOCALAPPDATA%\ClinicApp (platformdirs)
; and are never installed, replaced or removed by this installer: upgrading installs over the
; program, uninstalling removes only the program and its shortcuts.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{5C1A2C0B-7F0D-4E36-9B7E-C11C1CA99A01}
AppName=ClinicApp
AppVersion={#AppVersion}
AppVerName=ClinicApp {#AppVersion}
AppPublisher=ClinicApp
DefaultDirName={autopf}\ClinicApp
DefaultGroupName=ClinicApp
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=ClinicApp-{#AppVersion}-setup
SetupIconFile=clinicapp.ico
UninstallDisplayIcon={app}\clinicapp.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder PyInstaller build.
Source: "..\..\dist\clinicapp\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the program's files; stale modules of the old build must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\ClinicApp"; Filename: "{app}\clinicapp.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,ClinicApp}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\ClinicApp"; Filename: "{app}\clinicapp.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\clinicapp.exe"; Description: "{cm:LaunchProgram,ClinicApp}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself wrote next to it. The records (%LOCALAPPDATA%\ClinicApp),
; the logs and the settings are deliberately NOT listed: uninstalling keeps them.
Type: filesandordirs; Name: "{app}\_internal"

[Messages]
english.FinishedLabel=ClinicApp is installed. Your records are kept in your user profile and stay there when ClinicApp is upgraded or removed.
french.FinishedLabel=ClinicApp est installé. Vos dossiers sont conservés dans votre profil et y restent lors d'une mise à jour ou d'une désinstallation.
