; Inno Setup 6 script: a per-user installer for ClinicApp on Windows.
;
; Built and tested by CI on a hosted Windows runner: .github/workflows/windows.yml (it cannot
; be built on Linux). By hand on a Windows machine with Python 3.11+, Git for Windows and
; Inno Setup 6, in Git Bash in a clone of the repository:
;   python -m venv .venv && .venv/Scripts/python -m pip install -e ".[test]"
;   bash packaging/build      # PyInstaller with packaging/clinicapp.spec, then ISCC on this
;                             # script -> dist\ClinicApp-VERSION-setup.exe, SHA256SUMS, smoke test
; or by itself: ISCC.exe /DAppVersion=0.1.0 packaging\windows\clinicapp.iss (DistDir: dist).
;
; Per-user: no administrator rights (PrivilegesRequired=lowest), installs into
; %LOCALAPPDATA%\Programs\ClinicApp. The records live in %LOCALAPPDATA%\ClinicApp\ClinicApp (platformdirs)
; and are never installed, replaced or removed by this installer: upgrading installs over the
; program, uninstalling removes only the program and its shortcuts.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
; Where `bash packaging/build` put the one-folder build (DistDir\clinicapp\clinicapp.exe) and
; where the installer goes; packaging/build passes its own (CLINICAPP_DIST) as /DDistDir=.
#ifndef DistDir
  #define DistDir "..\..\dist"
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
OutputDir={#DistDir}
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
Source: "{#DistDir}\clinicapp\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

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
