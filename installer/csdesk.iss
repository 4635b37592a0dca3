; Inno Setup script for csdesk on Windows: a per-user install (no administrator rights),
; Start menu and optional desktop shortcuts, and an uninstaller that keeps the seller's data.
;
; Build (after `pyinstaller --noconfirm csdesk.spec` made dist\csdesk\):
;   iscc /DAppVersion=0.1.0 installer\csdesk.iss
; The workflow passes the package's version; the installer lands in dist\installer\.
;
; The seller's database, attachments, logs and backups live in %LOCALAPPDATA%\csdesk
; (platformdirs' user data folder, see src/csdesk/paths.py). The program goes to
; %LOCALAPPDATA%\Programs\csdesk, a different folder, and the uninstaller removes only the
; files it installed: the data folder is never listed under [UninstallDelete].

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6E1B7F3A-5C2D-4B8E-9A41-2F7C0D9E8B13}
AppName=csdesk
AppVersion={#AppVersion}
AppVerName=csdesk {#AppVersion}
AppPublisher=csdesk
VersionInfoVersion={#AppVersion}
VersionInfoProductVersion={#AppVersion}
VersionInfoDescription=csdesk — meja layanan pelanggan
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\csdesk
DefaultGroupName=csdesk
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\csdesk.exe
SetupIconFile=..\resources\icons\csdesk.ico
OutputDir=..\dist\installer
OutputBaseFilename=csdesk-{#AppVersion}-windows-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "indonesian"; MessagesFile: "compiler:Languages\Indonesian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\csdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\csdesk"; Filename: "{app}\csdesk.exe"
Name: "{group}\{cm:UninstallProgram,csdesk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\csdesk"; Filename: "{app}\csdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\csdesk.exe"; Description: "{cm:LaunchProgram,csdesk}"; Flags: nowait postinstall skipifsilent
